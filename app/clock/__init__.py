"""The case clock: pauses (补正 after acceptance, special procedures) and the one-time extension (延长审批)."""
