"""Demo data for Medway Safeguarding Children Partnership (MSCP): Business Plan 2021-23.

Where the material comes from:

- The priorities, the sixth priority added in September 2022, the focus text and the RAG
  discussion are taken from the Medway MSCP update report 2021-22 (minutes of the Health and
  Wellbeing Board's discussion of the MSCP Strategic Plan 2022-23 and Business Plan 2021-23).
  The introduction also draws on the Medway MSCP Annual Report 2023-24 cover report (the three
  safeguarding partners and the purpose of the partnership).
- Medway's plan rated actions Red, Amber or Green "according to the stated definitions"; the
  Amber wording here is the one quoted in that discussion. Blue completes the product's
  scale; its wording and those of Green and Red are the product's defaults.
- Only two cross-cutting themes are given, because only these are grounded in the source:
  the voice of children and young people (the Child-Friendly Medway survey) and the cost of
  living (2022, the Year of Neglect).
- Medway's sub-group structure is illustrative: the seed documents do not name Medway's
  sub-groups, so one "Strategic Partnership Group" holds the 2022-23 workplan for every
  priority. Its actions, leads and BRAG updates are written for this product from the hooks
  in the minutes; every figure in an update narrative is invented.
- Chairs, leads and members are roles, never people. Updates are entered by "bsu", which
  the demo loader maps to Medway's own Business Support Unit user.
"""

from datetime import date

PARTNERSHIP = {
    "name": "Medway Safeguarding Children Partnership",
    "short_name": "MSCP",
    "slug": "medway",
}

# "Medway Council, Kent Police and NHS Kent and Medway are the three safeguarding partners"
# (seed 003, 2.2).
LEAD_PARTNERS = [
    {"organisation": "Medway Council", "role": "Chief Executive"},
    {"organisation": "NHS Kent and Medway", "role": "Chief Executive"},
    {"organisation": "Kent Police", "role": "Chief Constable"},
]

PLAN = {
    "title": "MSCP Business Plan 2021-23",
    "period_start": date(2021, 4, 1),
    "period_end": date(2023, 3, 31),
    "approved_on": None,
    "approved_by": "MSCP Executive",
    "next_review": None,
    "introduction": (
        "The Children and Social Work Act 2017, the Child Safeguarding Practice Review and "
        "Relevant Agency (England) Regulations 2018 and Working Together to Safeguard Children "
        "2018 require all local areas to publish multi-agency safeguarding children arrangements "
        "led by three statutory agencies. In Medway the three safeguarding partners are Medway "
        "Council, Kent Police and the NHS in Kent and Medway (Kent and Medway Clinical "
        "Commissioning Group until July 2022, now NHS Kent and Medway).\n\n"
        "The purpose of the MSCP is to support and enable local organisations and agencies to "
        "work together in a system where children are safeguarded and their welfare promoted; "
        "partner organisations and agencies collaborate, share and co-own the vision for how to "
        "achieve improved outcomes for vulnerable children; organisations and agencies challenge "
        "appropriately and hold one another to account effectively; there is early identification "
        "and analysis of new safeguarding issues and emerging threats; learning is promoted and "
        "embedded in a way that local services for children and families can become more "
        "reflective and implement changes to practice; and information is shared effectively to "
        "facilitate more accurate and timely decision making for children and families.\n\n"
        "The Business Plan 2021-23 sets five priorities: effective partnerships; contextual "
        "safeguarding and trauma informed practice; domestic abuse; neglect; and effective early "
        "help. A sixth priority, violence against women and girls and sexually harmful behaviour, "
        "was added in September 2022. Each action in the plan is given a rating according to the "
        "stated definitions, and actions are subject to ongoing scrutiny."
    ),
    "stale_after_days": 90,
}

BRAG_DEFINITIONS = {
    "blue": "Complete: delivered, impact evidenced",
    "green": "On track: will be achieved within timescale",
    "amber": "Progressing with actions likely to be achieved within timescale",
    "red": "Off track: will not be achieved within timescale without intervention",
}

PRIORITIES = [
    {
        "number": 1,
        "title": "Effective partnerships",
        "focus": (
            "Partners work together and hold one another to account, and the partnership seeks "
            "the views of, and listens to, diverse groups of children and young people: through "
            "the Child-Friendly Medway survey, which reached hundreds of children and young "
            "people including children in need and children in care, and through work with "
            "commissioned services such as the Young Lives Foundation. The MSCP also influences "
            "other organisations through multi-agency safeguarding training, including voluntary "
            "sector organisations reached through Medway Voluntary Action."
        ),
        "added_on": date(2021, 4, 1),
        "key_activities": [],
    },
    {
        "number": 2,
        "title": "Contextual safeguarding and trauma informed practice",
        "focus": (
            "Children are protected from risks of harm that arise outside the family home, and "
            "practitioners across the partnership understand and respond to the impact of trauma "
            "on children and families. Learning from rapid, local and learning lessons reviews "
            "informs this work."
        ),
        "added_on": date(2021, 4, 1),
        "key_activities": [],
    },
    {
        "number": 3,
        "title": "Domestic abuse",
        "focus": (
            "Children's Services staff work with children, young people and their families where "
            "there are victims and perpetrators of domestic abuse, and an out of hours service "
            "responds to immediate danger along with partners in Health and Police. The Clinical "
            "Commissioning Group has commissioned a hospital independent domestic violence "
            "advisor service to reach out to victims and reduce the harmful effects of domestic "
            "abuse. The Council's role within the Kent and Medway Domestic Abuse Strategy "
            "2020-2023 is under the purview of the Director of Public Health."
        ),
        "added_on": date(2021, 4, 1),
        "key_activities": [],
    },
    {
        "number": 4,
        "title": "Neglect",
        "focus": (
            "Neglect is closely related to the rising cost of living. 2022 was named the Year of "
            "Neglect, acknowledging the challenges of the cost of living; a Neglect Conference "
            "brought together people from a whole range of partner agencies to influence the MSCP "
            "strategy, and frontline social workers recognise the rising cost of living as an "
            "additional risk factor for children and families."
        ),
        "added_on": date(2021, 4, 1),
        "key_activities": [],
    },
    {
        "number": 5,
        "title": "Effective early help",
        "focus": (
            "Children and families receive effective early help as soon as needs emerge, so that "
            "fewer need statutory intervention."
        ),
        "added_on": date(2021, 4, 1),
        "key_activities": [],
    },
    {
        "number": 6,
        "title": "Violence against women and girls and sexually harmful behaviour",
        "focus": (
            "Added in September 2022. The partnership works with the Community Safety "
            "Partnership, whose survey of more than 700 people, most of them women and girls, "
            "showed particular concerns about street safety, and with the Safe Streets Taskforce "
            "on street lighting and the safety of walking home alone and in alleyways. It also "
            "strengthens the response to sexually harmful behaviour by children and young people."
        ),
        "added_on": date(2022, 9, 1),
        "key_activities": [],
    },
]

THEMES = [
    {
        "key": "voice",
        "title": "Voice of children and young people",
        "description": (
            "Through different platforms, including the Child-Friendly Medway survey and "
            "commissioned services such as the Young Lives Foundation, the MSCP seeks the views "
            "of, and listens to, diverse groups of children and young people, including children "
            "in need and children in care."
        ),
    },
    {
        "key": "cost-of-living",
        "title": "Cost of living",
        "description": (
            "The rising cost of living is an additional risk factor for children and families, "
            "closely related to neglect; 2022, the Year of Neglect, acknowledged its challenges."
        ),
    },
]

SUBGROUPS = [
    {
        "short_name": "SPG",
        "name": "Strategic Partnership Group",
        "remit": [
            "Delivery and monitoring of the MSCP Business Plan 2021-23",
            "Rated progress reports to the MSCP Executive",
            "Learning from rapid, local and learning lessons reviews",
        ],
        "priorities": [1, 2, 3, 4, 5, 6],
        "chair": "Head of Safeguarding and Quality Assurance (Medway Council)",
        "members": [
            "MSCP Business Manager",
            "Assistant Director, Children's Social Care (Medway Council)",
            "Head of Early Help (Medway Council)",
            "Associate Director, Adult and Children's Safeguarding (NHS Kent and Medway)",
            "Detective Chief Inspector, Medway (Kent Police)",
            "Community Safety Partnership Manager (Medway Council)",
            "Medway Voluntary Action",
            "Young Lives Foundation",
        ],
    },
]

WORKPLANS = [
    # SPG workplan 2022-23 ----------------------------------------------------------------------
    {
        "subgroup": "SPG",
        "year": "2022-23",
        "actions": [
            {
                "reference": "SPG 1.1",
                "priority": 1,
                "impact": (
                    "Voluntary and community sector staff and volunteers take up multi-agency "
                    "safeguarding training and use it."
                ),
                "action": (
                    "Work with Medway Voluntary Action (MVA) to promote multi-agency safeguarding "
                    "training to voluntary sector organisations, and report take-up by MVA member "
                    "organisations in the Annual Report 2021-22."
                ),
                "themes": [],
                "lead": "MSCP Business Manager",
                "lead_user": None,
                "timeframe": "Take-up reported in the Annual Report 2021-22 (autumn 2022)",
                "due": date(2022, 11, 30),
                "added_on": date(2022, 4, 1),
                "updates": [
                    {
                        "as_at": date(2022, 5, 18),
                        "rating": "amber",
                        "narrative": (
                            "The Business Manager has met MVA's senior management. Voluntary "
                            "sector take-up is not recorded separately, so there is no baseline "
                            "yet; the booking form is being changed to capture it."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2022, 10, 19),
                        "rating": "green",
                        "narrative": (
                            "Booking system now records MVA membership; figures included in the "
                            "draft Annual Report 2021-22."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 1, 18),
                        "rating": "blue",
                        "narrative": (
                            "Annual Report 2021-22 published with voluntary sector take-up. MVA "
                            "member organisations took 46 places in Q3 2022-23, against 12 in the "
                            "same quarter last year."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "SPG 1.2",
                "priority": 1,
                "impact": (
                    "The views of diverse groups of children and young people, including children "
                    "in need and children in care, shape the MSCP's priorities."
                ),
                "action": (
                    "Use the Child-Friendly Medway survey and work with commissioned services "
                    "such as the Young Lives Foundation to bring children's views to every "
                    "Executive meeting."
                ),
                "themes": ["voice"],
                "lead": "Head of Safeguarding and Quality Assurance, Medway Council",
                "lead_user": None,
                "timeframe": "Quarterly",
                "due": date(2023, 3, 31),
                "added_on": date(2022, 4, 1),
                "updates": [
                    {
                        "as_at": date(2022, 7, 20),
                        "rating": "green",
                        "narrative": (
                            "Child-Friendly Medway survey results, from hundreds of children and "
                            "young people, presented to the Executive."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2022, 10, 19),
                        "rating": "green",
                        "narrative": (
                            "The Young Lives Foundation presented young people's feedback on "
                            "advocacy."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 3, 15),
                        "rating": "blue",
                        "narrative": (
                            "Children's views are now a standing Executive item. Survey findings "
                            "on feeling safe in town centres shaped the actions for the new "
                            "Priority 6."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "SPG 1.3",
                "priority": 1,
                "impact": (
                    "Learning from rapid reviews, local child safeguarding practice reviews and "
                    "learning lessons reviews changes practice."
                ),
                "action": (
                    "Complete rapid and local reviews within national timescales, hold learning "
                    "lessons reviews that identify good practice as well as gaps, and ask the "
                    "Independent Scrutineer to assess the impact of local learning reviews."
                ),
                "themes": [],
                "lead": "MSCP Business Manager / Independent Scrutineer",
                "lead_user": None,
                "timeframe": "March 2023",
                "due": date(2023, 3, 31),
                "added_on": date(2022, 4, 1),
                "updates": [
                    {
                        "as_at": date(2022, 5, 18),
                        "rating": "amber",
                        "narrative": (
                            "Two rapid reviews and a learning lessons review in progress at once; "
                            "business unit capacity is stretched, and a temporary reviewer has "
                            "been commissioned."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2022, 10, 19),
                        "rating": "green",
                        "narrative": (
                            "The Independent Scrutineer's assessment of the impact of local "
                            "learning reviews was reported to the Executive."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 3, 15),
                        "rating": "green",
                        "narrative": (
                            "Every rapid review this year reached the National Panel within 15 "
                            "working days, and review action plans are tracked by the Executive."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "SPG 2.1",
                "priority": 2,
                "impact": (
                    "Practitioners understand the impact of trauma and adversity, and work with "
                    "children and families in a trauma-informed way."
                ),
                "action": (
                    "Develop a partnership trauma-informed practice framework and deliver "
                    "introductory training across agencies."
                ),
                "themes": ["voice"],
                "lead": "Assistant Director, Children's Social Care, Medway Council",
                "lead_user": None,
                "timeframe": "March 2023",
                "due": date(2023, 3, 31),
                "added_on": date(2022, 4, 1),
                "updates": [
                    {
                        "as_at": date(2022, 5, 18),
                        "rating": "amber",
                        "narrative": (
                            "Drafting the framework is delayed while a trainer is recruited; "
                            "recruitment closes in June."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2022, 10, 19),
                        "rating": "amber",
                        "narrative": (
                            "Framework drafted, but training places are limited; a second trainer "
                            "is being sought from partner agencies."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 3, 15),
                        "rating": "green",
                        "narrative": (
                            "Framework agreed by the Executive and 180 practitioners have "
                            "attended the introductory training."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "SPG 2.2",
                "priority": 2,
                "impact": (
                    "Children at risk of harm outside the home, including exploitation, are "
                    "identified and protected."
                ),
                "action": (
                    "Map locations of concern with Kent Police and the Community Safety "
                    "Partnership, and make sure exploitation risk assessments consider peer "
                    "groups, schools and neighbourhoods."
                ),
                "themes": [],
                "lead": (
                    "Detective Chief Inspector, Kent Police (Medway) / Head of Safeguarding and "
                    "Quality Assurance, Medway Council"
                ),
                "lead_user": None,
                "timeframe": "December 2022",
                "due": date(2022, 12, 31),
                "added_on": date(2022, 4, 1),
                "updates": [
                    {
                        "as_at": date(2022, 7, 20),
                        "rating": "green",
                        "narrative": (
                            "Mapping of locations of concern started with Kent Police and the "
                            "Community Safety Partnership."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 1, 18),
                        "rating": "blue",
                        "narrative": (
                            "Mapping complete: three locations have joint disruption plans, and "
                            "the exploitation risk assessment now includes peer group and "
                            "location sections."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "SPG 3.1",
                "priority": 3,
                "impact": (
                    "Victims of domestic abuse who attend hospital, and their children, are "
                    "reached early and offered specialist support."
                ),
                "action": (
                    "Monitor the hospital independent domestic violence advisor (IDVA) service "
                    "commissioned by the CCG, including referrals for children in the household."
                ),
                "themes": [],
                "lead": (
                    "Associate Director, Adult and Children's Safeguarding, NHS Kent and Medway"
                ),
                "lead_user": None,
                "timeframe": "Quarterly",
                "due": date(2023, 3, 31),
                "added_on": date(2022, 4, 1),
                "updates": [
                    {
                        "as_at": date(2022, 5, 18),
                        "rating": "green",
                        "narrative": (
                            "The hospital IDVA service commissioned by Kent and Medway CCG is "
                            "operating."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2022, 10, 19),
                        "rating": "green",
                        "narrative": (
                            "Referrals rising; children in the household recorded in 60% of "
                            "cases."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 3, 15),
                        "rating": "blue",
                        "narrative": (
                            "148 victims supported by the hospital IDVA service in 2022-23; "
                            "children in the household recorded in 94% of cases, and children's "
                            "services informed wherever there were children."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "SPG 3.2",
                "priority": 3,
                "impact": (
                    "Children's needs are visible in the partnership's response under the Kent "
                    "and Medway Domestic Abuse Strategy 2020-2023."
                ),
                "action": (
                    "Report to the MSCP on the partnership's contribution to the Kent and Medway "
                    "Domestic Abuse Strategy 2020-2023, including Children's Services' out of "
                    "hours response to immediate danger."
                ),
                "themes": [],
                "lead": (
                    "Director of Public Health, Medway Council / Assistant Director, Children's "
                    "Social Care, Medway Council"
                ),
                "lead_user": None,
                "timeframe": "January 2023",
                "due": date(2023, 1, 31),
                "added_on": date(2022, 4, 1),
                "updates": [
                    {
                        "as_at": date(2022, 7, 20),
                        "rating": "amber",
                        "narrative": (
                            "The strategy sits with the Director of Public Health and the route "
                            "for reporting to the MSCP is not yet agreed; the Head of "
                            "Safeguarding and Quality Assurance is arranging it."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 1, 18),
                        "rating": "amber",
                        "narrative": (
                            "Report received, but outcomes for children are not reported "
                            "separately. The MSCP has asked for children's measures in the "
                            "successor strategy."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "SPG 4.1",
                "priority": 4,
                "impact": (
                    "Practitioners across Medway share an understanding of neglect, including the "
                    "effect of the rising cost of living, and it informs the MSCP neglect "
                    "strategy."
                ),
                "action": (
                    "Hold a multi-agency Neglect Conference as part of the 2022 Year of Neglect, "
                    "and feed its discussion into the MSCP neglect strategy."
                ),
                "themes": ["cost-of-living"],
                "lead": "Head of Safeguarding and Quality Assurance, Medway Council",
                "lead_user": None,
                "timeframe": "July 2022",
                "due": date(2022, 7, 31),
                "added_on": date(2022, 4, 1),
                "updates": [
                    {
                        "as_at": date(2022, 5, 18),
                        "rating": "green",
                        "narrative": "Virtual conference booked and speakers confirmed.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2022, 7, 20),
                        "rating": "blue",
                        "narrative": (
                            "About 200 people from a whole range of partner agencies took part in "
                            "the virtual Neglect Conference. Frontline social workers named the "
                            "rising cost of living as an additional risk factor; the discussion "
                            "is feeding the neglect strategy review, and the recording has been "
                            "offered to the Health and Wellbeing Board."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "SPG 4.2",
                "priority": 4,
                "impact": (
                    "Families under financial pressure get practical help, and neglect is still "
                    "recognised and acted on."
                ),
                "action": (
                    "Issue guidance to practitioners on neglect and the rising cost of living, "
                    "including the local support available to families."
                ),
                "themes": ["cost-of-living"],
                "lead": "Head of Early Help, Medway Council",
                "lead_user": None,
                "timeframe": "December 2022",
                "due": date(2022, 12, 31),
                "added_on": date(2022, 4, 1),
                "updates": [
                    {
                        "as_at": date(2022, 10, 19),
                        "rating": "amber",
                        "narrative": (
                            "Guidance drafted, but the local winter support offer is not yet "
                            "confirmed; publication planned as soon as it is."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 1, 18),
                        "rating": "green",
                        "narrative": "Guidance published in December; four briefings held.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 3, 15),
                        "rating": "blue",
                        "narrative": (
                            "80% of 63 practitioners surveyed have used the guidance with "
                            "families, and referrals from children's services to cost-of-living "
                            "support doubled in Q4."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "SPG 5.1",
                "priority": 5,
                "impact": (
                    "Families receive effective early help at the right time, reducing the need "
                    "for statutory intervention."
                ),
                "action": (
                    "Review the early help offer and step-down arrangements, and agree early help "
                    "measures for the MSCP dashboard."
                ),
                "themes": ["voice", "cost-of-living"],
                "lead": "Head of Early Help, Medway Council",
                "lead_user": None,
                "timeframe": "March 2023",
                "due": date(2023, 3, 31),
                "added_on": date(2022, 4, 1),
                "updates": [
                    {
                        "as_at": date(2022, 5, 18),
                        "rating": "red",
                        "narrative": (
                            "Review paused because of staffing changes, and no measures agreed. "
                            "The Assistant Director is identifying interim leadership for the "
                            "review."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2022, 10, 19),
                        "rating": "amber",
                        "narrative": (
                            "Review restarted in September; draft measures shared with partners."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 3, 15),
                        "rating": "amber",
                        "narrative": (
                            "Measures agreed, but the step-down review is not complete and will "
                            "carry into the next business plan."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "SPG 6.1",
                "priority": 6,
                "impact": "Women and girls feel, and are, safer in public spaces in Medway.",
                "action": (
                    "Work with the Community Safety Partnership and the Safe Streets Taskforce on "
                    "the findings of the street safety survey (more than 700 respondents, most of "
                    "them women and girls), including street lighting and walking home alone."
                ),
                "themes": ["voice"],
                "lead": "Community Safety Partnership Manager, Medway Council",
                "lead_user": None,
                "timeframe": "March 2023",
                "due": date(2023, 3, 31),
                "added_on": date(2022, 9, 1),
                "updates": [
                    {
                        "as_at": date(2022, 10, 19),
                        "rating": "green",
                        "narrative": (
                            "Survey findings shared with the MSCP; joint action plan with the "
                            "Safe Streets Taskforce agreed."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 1, 18),
                        "rating": "green",
                        "narrative": (
                            "Street lighting improvements agreed for four routes identified in "
                            "the survey."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 3, 15),
                        "rating": "green",
                        "narrative": (
                            "Two routes completed; young women's views on the changes being "
                            "gathered through the Young Lives Foundation."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "SPG 6.2",
                "priority": 6,
                "impact": (
                    "Schools and services respond consistently to sexually harmful behaviour by "
                    "children and young people."
                ),
                "action": (
                    "Agree a multi-agency pathway for sexually harmful behaviour, with training "
                    "for designated safeguarding leads."
                ),
                "themes": ["voice"],
                "lead": "Head of Safeguarding and Quality Assurance, Medway Council",
                "lead_user": None,
                "timeframe": "March 2023",
                "due": date(2023, 3, 31),
                "added_on": date(2022, 9, 1),
                "updates": [
                    {
                        "as_at": date(2022, 10, 19),
                        "rating": None,
                        "narrative": (
                            "Task and finish group being convened and no baseline is available "
                            "yet, so the action is not yet rated."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 2, 15),
                        "rating": "amber",
                        "narrative": (
                            "Pathway drafted. Training for designated safeguarding leads is "
                            "planned for the summer term 2023 and will carry into the next plan."
                        ),
                        "author": "bsu",
                    },
                ],
            },
        ],
    },
]
