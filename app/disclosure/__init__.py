"""办件公示 (阳光审批): the public list of decided cases."""
