/**
 * The ribbon's function file. The Home-tab button only shows the task pane (ShowTaskpane in manifest.xml), so
 * no function is registered; Office still loads this page and waits for Office.onReady.
 */
void Office.onReady();
