"""The track record on a mentor's public profile, from the mentorships app: mentors, below it, imports nothing
of mentorships; its templates load this tag."""

from django import template

from portal.mentorships import track_record as records

register = template.Library()


@register.inclusion_tag("mentorships/includes/track_record.html")
def track_record(mentor):
    return {"record": records.track_record(mentor)}
