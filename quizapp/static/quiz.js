// Saves the page's answers in the background as they change, so a reload or a dropped
// connection loses nothing. Without this script, each page is saved when the learner goes on.
"use strict";
for (const form of document.querySelectorAll("form.quiz")) {
  const status = form.querySelector(".save-status");
  let timer = 0;
  const save = () => {
    const data = new FormData(form);
    data.append("save", "1");
    fetch(form.action, {method: "POST", body: data, credentials: "same-origin"})
      .then((response) => { if (response.ok && status) status.textContent = form.dataset.saved; })
      .catch(() => {});  // offline: the page is saved when the learner goes on
  };
  form.addEventListener("change", () => { clearTimeout(timer); timer = setTimeout(save, 300); });
}
