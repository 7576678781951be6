"""好差评 (GB/T 39734/39735): ratings, follow-up and rectification, appeals, statistics."""
