// Lets a visitor hide a notice banner; remembered per notice version, so an
// edited notice shows again. Without JavaScript the notice simply stays.
(function () {
  "use strict";
  var KEY = "dismissed-notices";
  function dismissed() {
    try {
      return JSON.parse(window.localStorage.getItem(KEY) || "[]");
    } catch (error) {
      return [];
    }
  }
  function remember(id) {
    var list = dismissed().filter(function (item) { return item !== id; });
    list.push(id);
    try {
      window.localStorage.setItem(KEY, JSON.stringify(list.slice(-20)));
    } catch (error) {
      // Private browsing: the notice is hidden for this page view only.
    }
  }
  var hidden = dismissed();
  document.querySelectorAll("[data-notice]").forEach(function (notice) {
    var id = notice.getAttribute("data-notice");
    if (hidden.indexOf(id) !== -1) {
      notice.hidden = true;
      return;
    }
    var button = notice.querySelector(".notice__close");
    button.hidden = false;
    button.addEventListener("click", function () {
      notice.hidden = true;
      remember(id);
    });
  });
})();
