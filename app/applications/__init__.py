"""网上申报 / 预审: applicants submit online without a login; a window clerk of the item's sector pre-reviews
(pass → a case through app.cases.acceptance.receive_case; supplement → one-time notice; refuse)."""
