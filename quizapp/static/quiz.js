// Saves the page's answers in the background as they change, so a reload or a dropped
// connection loses nothing. Without this script, each page is saved when the learner goes on.
// It also moves the "3 of 12 answered" counter as answers are ticked.
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

  // Answered as the server counts it: anything chosen or typed (saved_answers.SavedState).
  const label = document.getElementById("progress-label");
  const bar = document.querySelector("#progress progress");
  const questions = [...form.querySelectorAll("fieldset.question")];
  const answeredHere = () => {
    const data = new FormData(form);
    return questions.filter((q) => data.getAll(q.id).some((v) => String(v).trim())).length;
  };
  if (label && bar) {
    const otherPages = Number(bar.value) - answeredHere();  // saved answers on the other pages
    const digits = new Intl.NumberFormat(document.documentElement.lang);
    let shown = Number(bar.value);
    const count = () => {
      const answered = otherPages + answeredHere();
      if (answered === shown) return;  // the live region speaks only when the count moves
      shown = answered;
      bar.value = answered;
      label.textContent = label.dataset.words.replace("{n}", digits.format(answered));
    };
    form.addEventListener("input", count);
    form.addEventListener("change", count);
  }
}
