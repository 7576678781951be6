"""咨询 and 投诉举报: a citizen's question or complaint about an item, a window, a department or a case becomes a
tracked record (number + random code), handled by its own BPMN process (bpmn/feedback.bpmn: 受理 → 转办 →
答复拟稿 → 答复签发 → 回访) within a working-day limit, watched by 电子监察; published answers to questions
feed a public FAQ per item."""
