// reCAPTCHA v3: ask Google for a token when the form is sent, put it in the
// hidden field, then send. Site key and action come from the field's data-
// attributes, so this file holds no configuration.
(function () {
  "use strict";
  document.querySelectorAll("input.g-recaptcha[data-sitekey]").forEach(function (field) {
    var form = field.form;
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      if (field.value || typeof grecaptcha === "undefined") { return; }
      event.preventDefault();
      grecaptcha.ready(function () {
        grecaptcha.execute(field.dataset.sitekey, { action: field.dataset.action || "submit" })
          .then(function (token) { field.value = token; form.submit(); });
      });
    });
  });
})();
