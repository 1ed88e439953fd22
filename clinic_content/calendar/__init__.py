"""Calendar: what calendar rules see of a post, revision times from git, and the plan as
calendar events and iCalendar bytes."""
