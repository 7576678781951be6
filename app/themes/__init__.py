"""一件事一次办 (theme services): a theme bundles the items a citizen sees as one matter — one combined form (一表申请),
one de-duplicated material list, one acceptance that creates a theme case and one child case per applicable member
item (each on its own item's BPMN and department), dependent items started when the result they need is decided
(证照复用: the e-licence becomes the next item's material), one clock for the theme, one progress query, one
issuance of every result (统一出件) and one rating.

Definitions are versioned and reviewed like items (draft → in_review → published → retired, never reviewed by
their editor; the authority is ``rules/item_review.toml``'s entry ``theme``)."""
