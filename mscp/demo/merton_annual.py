"""Merton's 2023-24 annual report draft: the written sections, in the partnership's register.

Written for the demo from the business plan 2023-25 (seed 001) and the shape of Merton's and
Medway's published annual reports (seeds 002 and 003). The figures, achievements and areas
with little progress are not here: the report generates them from the workplans. Names are
roles, never people.
"""

from datetime import date

YEAR = "2023-24"
# Sections the partnership added to its report on the Arrange sections page: (title, the
# section it comes before). Merton publishes a Communication Strategy beside its annual
# reports and Training Strategy (seed 002).
ADDED_SECTIONS = [("Our communication strategy", "effectiveness")]

# section slug (see reports.annual.SECTIONS) or "priority-N" -> text (Markdown subset)
SECTIONS = {
    "foreword": """\
As Independent Chair of the Merton Safeguarding Children Partnership (MSCP) I am pleased to
introduce our annual report for 2023-24, the first year of our Business Plan 2023-25.

This has been a year in which the three statutory partners, the London Borough of Merton,
the Metropolitan Police and NHS South West London Integrated Care Board, have continued to work
together so that **all of Merton's children are safe, supported and successful**. Our revised
sub-group structure, in place from April 2023, has given each priority a clear home and a
workplan that the Executive reviews every month.

The report is honest about where we have made less progress than we planned. The pressures on
families from the cost-of-living crisis have not eased, and some of our work on neglect and on
mental health waiting times will continue into 2024-25.

I would like to thank practitioners across the partnership for their commitment, and the
children, young people and families who have told us what it is like to receive our services.

*Independent Chair, Merton Safeguarding Children Partnership*
""",
    "introduction": """\
The Children and Social Work Act 2017 places a duty on the local safeguarding partners to
safeguard and promote the welfare of children in the area. Working Together to Safeguard
Children requires the partners to publish a report each year on what they have done as a
result of the arrangements, and how effective those arrangements have been.

This report covers 1 April 2023 to 31 March 2024. It sets out:

- the progress the partnership has made against each of its six priorities;
- the areas where there has been little or no progress, and what we are doing about them;
- how our five cross-cutting themes have shaped the work of every sub-group;
- learning from reviews, multi-agency training, the voice of children and families, and
  independent scrutiny.

Merton is an outer London borough with around 47,000 children and young people. Most do well,
but families in the east of the borough face higher levels of deprivation, and demand for early
help and for children's mental health services has continued to rise since the Covid-19
pandemic.
""",
    "arrangements": """\
The MSCP Executive Group, made up of the three statutory partners, meets monthly and takes the
lead on coordinating the work of the partnership, prioritising actions and ensuring coverage of
the statutory functions. It is supported by an Independent Chair, an Independent Scrutineer and
a Young Scrutineer.

A full partnership meeting is held three times a year. It brings the wider partnership together
to hear updates against the workplans, to discuss emerging trends and issues, and to share
national learning.

The responsibility for delivering the partnership's plan rests with five sub-groups, each with
an annual workplan in the standard format: impact, action, cross-cutting themes, lead,
timeframe, and a BRAG rating and update.
""",
    "progress": """\
Each sub-group reported its BRAG ratings to the Executive every quarter. The figures below are
taken from the workplans as they stood on 31 March 2024. Blue actions are complete with
evidence of impact; Green are on track; Amber are progressing with some risk being managed; Red
are off track without intervention.
""",
    "priority-1": """\
The launch of our partnership Early Help strategy has given practitioners a shared language for
early help. The Early Help Assessment is now used by schools and health visitors as well as by
the council's own teams. Our next step is to show that families receive help sooner, not only
that more assessments are started.
""",
    "priority-2": """\
Partners have worked together on the emotional wellbeing of children and young people, including
through Mental Health Support Teams in schools. Waiting times for specialist services remain a
concern and the sub-group will keep them under review in 2024-25.
""",
    "priority-3": """\
The Multi-Agency Child Exploitation (MACE) arrangements are well established. The Promote and
Protect Young People sub-group has focused on safer places in the community and on transitions
for young people at risk of exploitation as they turn 18.
""",
    "priority-4": """\
The Effective Safeguarding and Support sub-group has strengthened the link between domestic
abuse services for adults and the support children receive, in line with the Domestic Abuse Act
2021's recognition of children as victims in their own right.
""",
    "priority-5": """\
Practitioners have used the Neglect toolkit developed in 2021-23, but our audits show it is not
yet used consistently. Refreshing the toolkit and its training is carried forward into 2024-25.
""",
    "priority-6": """\
The Executive has routinely scrutinised the performance of the partnership, refreshed the
partnership agreement and overseen the Independent Scrutiny plan. Our news bulletin and website
keep the wider partnership informed.
""",
    "little-progress": """\
The actions listed below were rated Red or Amber, were past their due date, or had not been
rated by the end of the year. The Executive discussed each of them at its March 2024 meeting.
Most of the delays relate to recruitment and to the capacity of specialist services; each
action has been carried into the relevant 2024-25 workplan with a revised timeframe.
""",
    "learning": """\
The Quality Assurance and Practice Review (QAPR) sub-group considered referrals for rapid review
during the year and oversaw the action plans from local child safeguarding practice reviews.

Learning from reviews is shared through:

- seven-minute briefings for practitioners;
- the MSCP news bulletin and the full partnership forum;
- multi-agency audits that test whether the learning has changed practice.

National reviews, including the Child Safeguarding Practice Review Panel's work on
safeguarding children with disabilities, have informed our training programme.
""",
    "training": """\
The Policy and Training (P&T) sub-group delivers the MSCP multi-agency training programme. Courses
in 2023-24 covered early help, contextual safeguarding, domestic abuse, neglect and working
with fathers and male carers.

Participants are asked what they will do differently as a result of each course, and a sample
are contacted three months later to find out whether the learning has been applied in practice.
""",
    "voice": """\
Our Young Scrutineer works alongside the Independent Scrutineer so that the partnership's work is
scrutinised from the perspective of young people in Merton. This year young people told us that
they want professionals to explain decisions to them, and to avoid repeating the same questions.

As a result, the sub-groups have added actions on the **voice of children, young people and
families** to every workplan, and this is now one of our five cross-cutting themes.
""",
    "scrutiny": """\
The Independent Scrutineer's plan for 2023-24 linked directly to our priorities. Scrutiny
activity included a review of the partnership's response to adolescents at risk of exploitation
and attendance at sub-group meetings to test how the workplans are held to account.

The Scrutineer found that the partnership's arrangements are well understood by senior leaders
and that challenge between partners is open and constructive, and recommended that the
partnership makes more use of performance data in its sub-groups.
""",
    "effectiveness": """\
The partners judge that Merton's safeguarding arrangements are effective, with strong
leadership and a shared commitment across agencies. Our priorities for 2024-25 remain those
of the Business Plan 2023-25, with particular focus on:

1. showing the impact of early help for families;
2. consistent use of the refreshed Neglect toolkit;
3. timely access to mental health support for children and young people;
4. making performance data part of every sub-group's routine.
""",
    "funding": """\
The MSCP has a pooled budget made up of financial contributions from the three safeguarding
partners and relevant agencies, shown above. The London Borough of Merton also contributes in
kind, hosting the Business Support Unit and providing training venues.

In 2023-24 the budget paid for the Independent Chair and Independent Scrutineer, the Business
Support Unit, the multi-agency training programme and the reviews commissioned in the year. Any
unspent funding is carried forward to the following year.
""",
    "appendices": """\
### Glossary of acronyms

| Acronym | Meaning |
| --- | --- |
| BRAG | Blue, Red, Amber, Green rating of progress |
| ESS | Effective Safeguarding & Support sub-group |
| ICB | Integrated Care Board |
| MACE | Multi-Agency Child Exploitation |
| MSCP | Merton Safeguarding Children Partnership |
| P&T | Policy & Training sub-group |
| PEI | Prevention & Early Intervention sub-group |
| PPYP | Promote & Protect Young People sub-group |
| QAPR | Quality Assurance & Practice Review sub-group |
""",
    "our-communication-strategy": """\
Our Communication Strategy sets out how the MSCP shares what it learns with practitioners,
children, young people, families and the wider community in Merton.

- The MSCP newsletter goes to practitioners across the partnership after every full
  partnership meeting, with the learning from reviews and audits.
- Seven-minute briefings summarise each rapid review and local child safeguarding practice
  review for team meetings.
- Our website carries the annual report, the business plan and the multi-agency
  safeguarding procedures.

Table: How we reach each audience

| Audience | How we reach them |
| --- | --- |
| Practitioners | Newsletter, seven-minute briefings, learning events |
| Children and young people | The Young Scrutineer, youth forums, schools |
| Parents and carers | Website, community events, the Family Hubs |
""",
    "family-summary": """\
The Merton Safeguarding Children Partnership is the council, the police and the NHS in Merton
working together, with schools and other services, to keep children and young people safe.

This year we:

- helped more families early, before problems got bigger;
- worked to make it quicker to get help with mental health and wellbeing;
- worked to keep young people safe outside the home, in their community and online;
- supported children and families living with domestic abuse;
- worked to spot neglect sooner and to do something about it.

Children, young people and families told us what it is like to get help from us. You told us
you want to be listened to and not to have to tell your story again and again. We are changing
how we work because of what you said.

Some things took longer than we planned. We say what they are in the full report, and we will
keep working on them in 2024-25.

If you are worried about a child, contact Merton's Multi-Agency Safeguarding Hub (MASH). In an
emergency, call 999.
""",
}

# The lead safeguarding partners' sign-offs of the draft, by organisation (see LEAD_PARTNERS in
# mscp/demo/merton.py): two have signed; the police's is still to come. Names are roles.
SIGN_OFFS = [
    {
        "organisation": "London Borough of Merton",
        "signed_by": "Executive Director, Children, Lifelong Learning and Families",
        "role": "on behalf of the Chief Executive",
        "signed_on": date(2024, 9, 16),
    },
    {
        "organisation": "NHS South West London Integrated Care Board",
        "signed_by": "Chief Nursing Officer, NHS South West London",
        "role": "on behalf of the Chief Executive",
        "signed_on": date(2024, 9, 18),
    },
]
