"""From the feedback of a mentorship to an experience story (issue 17, point 3).

- A testimonial is a completed mentorship whose two sides both gave their feedback and allowed its publication,
  with at least one of them having written what changed: a request to a mentor (mentorships) or a programme's pair
  (programmes; an Agilité circle has no two sides). The requester's data must still be there: an anonymised request,
  an erased participant, is never offered. Only the programme team reads them (« Témoignages à publier »).
- Converting one creates a draft story under the story index: a title, the catalogue's challenge linked, the model,
  the feedback texts as quotes. A person is named only if they ticked « Vous pouvez citer mon nom »; otherwise
  the story says « La personne accompagnée » or « Son mentor ». Nothing else of the mentorship reaches the page:
  no address, no message, no fit, no challenge in the requester's own words, no organisation without consent.
- A mentorship becomes one story only (StorySource): converting it again opens that story.
- When the story is first published, the requester and the mentor are told by email, once; nobody is told when
  the requester's data was erased meanwhile (their words are no longer theirs to be announced).
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from portal.challenges.models import StoryChallenge, StoryIndexPage, StoryPage, is_choosable
from portal.mentorships.models import Fit, MentorRequest, RequestStatus, Role
from portal.programmes import privacy as programme_privacy
from portal.programmes.follow_up import MENTOR, PARTICIPANT
from portal.programmes.models import FollowUp, Pair, PairStatus
from portal.taxonomy.models import MentoringModel
from portal.testimonials import notifications
from portal.testimonials.models import StorySource

REQUEST, PAIR = "request", "pair"
KINDS = (REQUEST, PAIR)
PULL_QUOTE_LENGTH = 500  # StoryPage.pull_quote's limit
TITLE_LENGTH = 255

# How the page names someone who did not allow their name, and what it adds after the name of someone who did.
MENTEE, MENTOR_SIDE = "mentee", "mentor"
UNNAMED = {MENTEE: gettext_lazy("The person mentored"), MENTOR_SIDE: gettext_lazy("Their mentor")}
ROLES = {MENTEE: gettext_lazy("person mentored"), MENTOR_SIDE: pgettext_lazy("in a story's quote", "mentor")}


class TestimonialError(Exception):
    """The conversion is not possible; the message says why, for the editor."""


@dataclass
class Voice:
    """One side's feedback: who they are (for the team's eyes), their fit, their words, and their consent."""

    side: str
    name: str
    email: str
    fit: int | None
    text: str
    may_name: bool

    @property
    def attribution(self):
        """How the story names them: their name with their consent, a generic phrase otherwise."""
        return self.name if self.may_name and self.name else str(UNNAMED[self.side])

    @property
    def signature(self):
        """The attribution of a pull quote, which has no place for the role: « Nora Benali, personne accompagnée »."""
        return ", ".join(part for part in (self.attribution, self.role) if part)

    @property
    def fit_label(self):
        return Fit(self.fit).label if self.fit else ""

    @property
    def role(self):
        """What the story adds after their name; nothing after the generic phrase, which says it already."""
        return str(ROLES[self.side]) if self.may_name and self.name else ""


@dataclass
class Testimonial:
    kind: str
    source: MentorRequest | Pair
    challenge: object  # the catalogue's ChallengePage, or None
    model: MentoringModel | None
    mentor: object  # the MentorProfile, or None if it was deleted
    mentee: Voice
    mentor_voice: Voice
    mentee_organisation: str  # shown on the page only if the mentee may be named
    actor_type: str
    context: str  # the iteration of a pair, for the team
    ended_at: datetime | None
    anonymised: bool
    story: StoryPage | None = None

    @property
    def pk(self):
        return self.source.pk

    @property
    def heading(self):
        """What the mentorship was about, for the team: the challenge, the requester's words, or the iteration."""
        if self.challenge is not None:
            return self.challenge.title
        if self.kind == REQUEST:
            return Truncator(self.source.challenge_text).chars(120)
        return self.context

    @property
    def voices(self):
        return [self.mentee, self.mentor_voice]

    @property
    def has_words(self):
        return any(voice.text.strip() for voice in self.voices)


# --- Which mentorships are testimonials ------------------------------------------------------------
def voice_of(answer, text, *, side, name, email):
    """One side's voice from their feedback (`answer`, None when they gave none) and its words, `text`."""
    return Voice(
        side=side,
        name=name,
        email=email,
        fit=answer.fit if answer else None,
        text=text.strip() if answer else "",
        may_name=bool(answer and answer.may_name),
    )


def from_request(mentor_request):
    feedback = {answer.role: answer for answer in mentor_request.feedback.all()}
    mentor = mentor_request.mentor

    def voice(role, side, name, email):
        answer = feedback.get(role)
        return voice_of(answer, answer.what_changed if answer else "", side=side, name=name, email=email)

    return Testimonial(
        kind=REQUEST,
        source=mentor_request,
        challenge=mentor_request.challenge,
        model=mentor_request.mentoring_model,
        mentor=mentor,
        mentee=voice(Role.REQUESTER, MENTEE, mentor_request.requester_name, mentor_request.requester_email),
        mentor_voice=voice(
            Role.MENTOR, MENTOR_SIDE, mentor.full_name if mentor else "", mentor.contact_email if mentor else ""
        ),
        mentee_organisation=mentor_request.organisation,
        actor_type=mentor_request.actor_type.label if mentor_request.actor_type else "",
        context="",
        ended_at=mentor_request.closed_at,
        anonymised=mentor_request.anonymised_at is not None,
    )


def from_pair(pair, models_by_code):
    answers = {answer.respondent: answer for answer in pair.follow_ups.all() if answer.kind == FollowUp.FEEDBACK}
    application, mentor = pair.application, pair.offer.mentor

    def voice(respondent, side, name, email):
        answer = answers.get(respondent)
        return voice_of(answer, answer.note if answer else "", side=side, name=name, email=email)

    return Testimonial(
        kind=PAIR,
        source=pair,
        challenge=None,  # a participant's challenge is their own words, never a page of the catalogue
        model=models_by_code.get(pair.iteration.model_code),
        mentor=mentor,
        mentee=voice(PARTICIPANT, MENTEE, application.full_name, application.email),
        mentor_voice=voice(MENTOR, MENTOR_SIDE, mentor.full_name, mentor.contact_email),
        mentee_organisation=application.organisation.name if application.organisation else "",
        actor_type="",
        context=pair.iteration.title,
        ended_at=pair.iteration.closed_at,
        anonymised=application.full_name == programme_privacy.ERASED,
    )


def eligible_requests():
    """Completed requests whose requester's data is kept, where both sides allowed publication."""
    return (
        MentorRequest.objects.filter(status=RequestStatus.COMPLETED)
        .not_anonymised()
        .filter(feedback__role=Role.REQUESTER, feedback__may_publish=True)
        .filter(feedback__role=Role.MENTOR, feedback__may_publish=True)
        .select_related("challenge", "mentoring_model", "mentor", "actor_type")
        .prefetch_related("feedback")
    )


def eligible_pairs():
    """Pairs that ran to the iteration's closing, the participant's data kept, where both allowed publication."""
    return (
        Pair.objects.filter(status=PairStatus.ENDED)
        .exclude(application__full_name=programme_privacy.ERASED)
        .filter(follow_ups__kind=FollowUp.FEEDBACK, follow_ups__respondent=PARTICIPANT, follow_ups__may_publish=True)
        .filter(follow_ups__kind=FollowUp.FEEDBACK, follow_ups__respondent=MENTOR, follow_ups__may_publish=True)
        .select_related("iteration", "application__organisation", "offer__mentor")
        .prefetch_related("follow_ups")
    )


def testimonials():
    """Every testimonial, the most recently ended first, each with its story if it was converted."""
    models_by_code = {model.code: model for model in MentoringModel.objects.all()}
    found = [from_request(mentor_request) for mentor_request in eligible_requests()]
    found += [from_pair(pair, models_by_code) for pair in eligible_pairs()]
    found = [testimonial for testimonial in found if testimonial.has_words]
    links = StorySource.objects.select_related("story")
    stories = {(REQUEST, link.mentor_request_id): link.story for link in links.filter(mentor_request__isnull=False)}
    stories |= {(PAIR, link.pair_id): link.story for link in links.filter(pair__isnull=False)}
    for testimonial in found:
        testimonial.story = stories.get((testimonial.kind, testimonial.pk))
    oldest = datetime(1970, 1, 1, tzinfo=UTC)
    return sorted(found, key=lambda testimonial: testimonial.ended_at or oldest, reverse=True)


def find(kind, pk):
    """The testimonial of this request or pair, if it is one."""
    if kind == REQUEST:
        source = eligible_requests().filter(pk=pk).first()
        testimonial = from_request(source) if source else None
    elif kind == PAIR:
        source = eligible_pairs().filter(pk=pk).first()
        models_by_code = {model.code: model for model in MentoringModel.objects.all()}
        testimonial = from_pair(source, models_by_code) if source else None
    else:
        return None
    return testimonial if testimonial and testimonial.has_words else None


def existing_story(kind, pk):
    """The story this request or pair already became, or None."""
    if kind not in KINDS:
        return None
    field = "mentor_request_id" if kind == REQUEST else "pair_id"
    link = StorySource.objects.filter(**{field: pk}).select_related("story").first()
    return link.story if link else None


# --- The draft story -------------------------------------------------------------------------------
def story_index():
    return StoryIndexPage.objects.in_default_locale().first()


def linkable_challenge(testimonial):
    """The catalogue's challenge the story relates to: only one a story may relate to (published, French)."""
    challenge = testimonial.challenge
    return challenge if challenge is not None and is_choosable(challenge) else None


def story_fields(testimonial):
    """What the draft story says, in the site's language: every field built from what both people allowed."""
    with translation.override(settings.LANGUAGE_CODE):
        challenge = linkable_challenge(testimonial)
        model = testimonial.model
        subject = challenge.title if challenge else (model.label if model else _("a mentorship"))
        title = Truncator(_("Testimonial: %(subject)s") % {"subject": subject}).chars(TITLE_LENGTH)
        if challenge:
            summary = _(
                "What a mentorship on the challenge “%(challenge)s” changed, told by the two people who lived it."
            )
            summary = summary % {"challenge": challenge.title}
        else:
            summary = _("What a mentorship changed, told by the two people who lived it.")
        mentee = testimonial.mentee
        if mentee.may_name and testimonial.mentee_organisation:
            organisation = testimonial.mentee_organisation
        else:
            organisation = testimonial.actor_type or _("Mentoring programme of La Fabrique des Mobilités")
        quoted = [voice for voice in testimonial.voices if voice.text]
        first = quoted[0]
        pull_quote = Truncator(" ".join(first.text.split())).chars(PULL_QUOTE_LENGTH)
        whole = pull_quote == " ".join(first.text.split())
        body = [
            ("quote", {"quote": voice.text, "attribution": voice.attribution, "role": voice.role})
            for voice in quoted
            if not (voice is first and whole)  # each text appears once in full: the pull quote, or a quote below it
        ]
        return {
            "title": title,
            "summary": Truncator(summary).chars(400),
            "organisation": Truncator(organisation).chars(120),
            "mentoring_model": model,
            "pull_quote": pull_quote,
            "pull_quote_attribution": Truncator(first.signature).chars(120),
            "body": body,
            "challenge": challenge,
        }


def locked_source(kind, pk):
    """Lock the request's or pair's row until the transaction ends: two editors converting it at once are
    served one after the other, and the second finds the first one's story."""
    model = MentorRequest if kind == REQUEST else Pair
    return model.objects.select_for_update().filter(pk=pk).first()


@transaction.atomic
def convert(kind, pk, user):
    """The draft story of this testimonial, and whether it was created now (False: it already had one)."""
    if kind not in KINDS or locked_source(kind, pk) is None:
        raise TestimonialError(_("This testimonial does not exist."))
    story = existing_story(kind, pk)
    if story is not None:
        return story, False
    testimonial = find(kind, pk)
    if testimonial is None:
        raise TestimonialError(
            _("This mentorship is no longer a testimonial to publish: its feedback or its requester’s data changed.")
        )
    index = story_index()
    if index is None:
        raise TestimonialError(_("The site has no experience stories page to add the story to."))
    if not index.permissions_for_user(user).can_add_subpage():
        raise TestimonialError(_("You may not add pages under the experience stories: ask a moderator."))
    fields = story_fields(testimonial)
    challenge = fields.pop("challenge")
    story = StoryPage(live=False, **fields)
    if challenge is not None:
        story.challenge_links = [StoryChallenge(challenge=challenge)]
    index.add_child(instance=story)
    story.save_revision(user=user, log_action=True)
    source = {"mentor_request": testimonial.source} if kind == REQUEST else {"pair": testimonial.source}
    StorySource.objects.create(story=story, created_by=user, **source)
    return story, True


# --- Publication -----------------------------------------------------------------------------------
def testimonial_of(link):
    """The testimonial a story came from, as it is now (anonymised or not)."""
    if link.mentor_request_id:
        mentor_request = (
            MentorRequest.objects.select_related("challenge", "mentoring_model", "mentor", "actor_type")
            .prefetch_related("feedback")
            .get(pk=link.mentor_request_id)
        )
        return from_request(mentor_request)
    pair = Pair.objects.select_related("iteration", "application__organisation", "offer__mentor").get(pk=link.pair_id)
    return from_pair(pair, {model.code: model for model in MentoringModel.objects.all()})


def announce(story):
    """The story is published: tell its two people, once. Nobody is told when the requester's data was erased.
    True when the emails were queued now."""
    link = StorySource.objects.filter(story_id=story.pk, announced_at__isnull=True).first()
    if link is None:
        return False
    testimonial = testimonial_of(link)
    if testimonial.anonymised:
        return False
    with transaction.atomic():
        claimed = StorySource.objects.filter(pk=link.pk, announced_at__isnull=True).update(announced_at=timezone.now())
        if not claimed:
            return False
        notifications.story_published(testimonial, story)
    return True
