export declare const DEV_HOST: string;
export declare function normalHost(host: string): string;
export declare function manifestFor(xml: string, host: string): string;
