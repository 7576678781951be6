"""Notifications (站内通知): messages to a user or a candidate group, e.g. that a step ran over its limit."""
