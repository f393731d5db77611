"""Class sessions: join codes, nicknames, answers and the teacher's dashboard (issue: lessons)."""
