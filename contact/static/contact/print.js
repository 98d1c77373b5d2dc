// The letter's "Print" button; without JavaScript, the browser's own
// Print command (Ctrl+P) does the same.
(function () {
  "use strict";
  var button = document.querySelector(".letter-toolbar__print");
  if (!button) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
})();
