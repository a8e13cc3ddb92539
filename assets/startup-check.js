/* global window, document */
/*
 * Budgetkoll's start-up check. ES5 on purpose, with no dependency: it runs in every webview Office shows add-ins
 * in, Internet Explorer 11 and Edge Legacy included, and is loaded before anything else. When the page has loaded
 * and the task pane's bundle has not started (an old webview cannot parse it, or it failed to load), it says in
 * Swedish which Excel versions Budgetkoll needs, instead of leaving the pane blank.
 */
(function () {
  var errors = [];
  function onError(event) {
    if (event && event.message) errors.push(String(event.message));
  }
  function paragraph(parent, text) {
    var p = document.createElement("p");
    p.appendChild(document.createTextNode(text));
    parent.appendChild(p);
    return p;
  }
  function check() {
    if (window.budgetkollStarted) return;
    var root = document.getElementById("root");
    if (!root) return;
    while (root.firstChild) root.removeChild(root.firstChild);
    var box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.className = "app";
    var title = document.createElement("h1");
    title.style.fontSize = "18px";
    title.appendChild(document.createTextNode("Budgetkoll kan inte starta i den här versionen av Excel"));
    box.appendChild(title);
    paragraph(box, "Budgetkoll kräver Excel på webben, Excel för Microsoft 365 (Windows eller Mac) eller Excel 2021 eller senare.");
    paragraph(box, "Excel 2016 och Excel 2019 för Windows visar tillägg med en äldre webbläsarmotor (Internet Explorer eller Edge Legacy) som inte kan köra Budgetkoll. Öppna arbetsboken i Excel på webben eller i en nyare Excel.");
    if (errors.length > 0) paragraph(box, "Feltext: " + errors.join(" | ")).style.fontFamily = "monospace";
    root.appendChild(box);
  }
  if (window.addEventListener) {
    window.addEventListener("error", onError, true);
    window.addEventListener("load", function () {
      setTimeout(check, 0);
    });
  } else if (window.attachEvent) {
    window.attachEvent("onload", check);
  }
})();
