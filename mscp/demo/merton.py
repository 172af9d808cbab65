"""Demo data for Merton Safeguarding Children Partnership (MSCP): Business Plan 2023-25.

Where the material comes from:

- The partnership, plan, introduction, priorities, Priority 6 key activities, sub-groups and
  their remits are taken from the Merton MSCP Business Plan 2023-25 (approved by the MSCP
  Executive on 2 March 2023) and the Merton MSCP "MSCP Priorities" web page (the six
  priorities, the five cross-cutting themes worded as that page words them, and the focus
  paragraphs for each group of priorities). The text of the plan's Table 1 garbles two
  sub-group names; the five sub-groups are Quality Assurance & Practice Review (QAPR), Policy
  & Training (P&T), Prevention & Early Intervention (PEI), Promote & Protect Young People
  (PPYP) and Effective Safeguarding & Support (ESS).
- The BRAG definitions are the product's defaults; the Amber wording follows the Medway MSCP
  update report 2021-22 ("progressing with actions likely to be achieved within timescale").
- The sub-group workplans (actions, leads, timeframes and BRAG updates) are illustrative:
  the real workplans are not published. They are written for this product in the
  partnership's own register and use the hooks the business plan gives (MACE, ICON, the
  Neglect toolkit, the Early Help strategy, the Young Scrutineer's thematic scrutiny, the
  audit programme, performance dashboards, the news bulletin). Every figure in an update
  narrative is invented.
- Chairs, leads and members are roles, never people. "bsu" and "pei-lead" are the demo
  users' usernames (the MSCP Business Support Unit and the PEI sub-group lead, who is the
  Head of Early Help).
"""

from datetime import date

PARTNERSHIP = {
    "name": "Merton Safeguarding Children Partnership",
    "short_name": "MSCP",
    "slug": "merton",
}

# The three lead safeguarding partners (Working Together to Safeguard Children 2023; seed 002
# names the local authority, the police and the health commissioner), who sign off the report.
LEAD_PARTNERS = [
    {"organisation": "London Borough of Merton", "role": "Chief Executive"},
    {"organisation": "NHS South West London Integrated Care Board", "role": "Chief Executive"},
    {"organisation": "Metropolitan Police Service", "role": "Commissioner of Police of the Metropolis"},
]

PLAN = {
    "title": "MSCP Business Plan 2023-25",
    "period_start": date(2023, 4, 1),
    "period_end": date(2025, 3, 31),
    "approved_on": date(2023, 3, 2),
    "approved_by": "MSCP Executive",
    "next_review": date(2025, 3, 31),
    "introduction": (
        "The Children and Social Work Act 2017 places a duty on local safeguarding partners to "
        "safeguard and promote the welfare of children in the area. This includes making "
        "'arrangements for safeguarding partners to work together to identify and respond to the "
        "needs of children in the area'.\n\n"
        "It is the vision of the Merton Safeguarding Children Partnership (MSCP) that all "
        "statutory partners and relevant agencies work together to ensure that everyone does "
        "everything they can to ensure that all of Merton's children are safe, supported and "
        "successful. This commitment is highlighted in the MSCP Partnership Agreement.\n\n"
        "The MSCP Business Plan sets out the strategic commitment of the partnership in making "
        "its vision a reality and will form the basis of its work over the next two years. This "
        "Business Plan, in addition to the core functions, sets out a number of key priorities "
        "that have been defined locally. The priorities will remain flexible for the duration of "
        "the Business Plan and be responsive to learning from case reviews and any other emerging "
        "issues.\n\n"
        "The MSCP and partner agencies prioritise improvement in areas and on issues of greatest "
        "risk and concern to safeguarding as well as responding to emerging needs. This includes "
        "learning from local and national practice reviews and retaining awareness of the ongoing "
        "impacts of wider pressures on families, including the cost-of-living crisis and "
        "following the Covid-19 pandemic. For 2023-25, we have therefore introduced and agreed a "
        "set of cross-cutting themes, alongside our refreshed priority areas for our "
        "partnership.\n\n"
        "Each MSCP Sub-Group will be expected to develop and deliver an annual work plan. Three "
        "thematic groups will cover Priorities 1-5. The Quality Assurance and Policy and Training "
        "Sub-Groups also have annual work plans. All five groups will be expected to reflect on "
        "the cross-cutting themes and incorporate relevant activity into their work plans, which "
        "are updated and presented regularly to the relevant MSCP meetings by the MSCP Business "
        "Support Unit, for monitoring and exception reporting."
    ),
    "stale_after_days": 90,
}

BRAG_DEFINITIONS = {
    "blue": "Complete: delivered, impact evidenced",
    "green": "On track: will be achieved within timescale",
    "amber": (
        "Progressing, with actions likely to be achieved within timescale; some risk being "
        "managed"
    ),
    "red": "Off track: will not be achieved within timescale without intervention",
}

PRIORITIES = [
    {
        "number": 1,
        "title": "Early Help",
        "focus": (
            "This work is part of a whole system approach and is based on a clear understanding "
            "of local need. The Partnership's priority is to ensure that there is clear "
            "coordination and quality assurance of early help and prevention work, with effective "
            "integration between the front door and a shared focus on the journey and experience "
            "of the child and family."
        ),
        "added_on": date(2023, 4, 1),
        "key_activities": [],
    },
    {
        "number": 2,
        "title": "Mental Health and Wellbeing",
        "focus": (
            "This work is part of a whole system approach and is based on a clear understanding "
            "of local need. The Partnership works alongside other forums, such as CAMHS Board, to "
            "oversee the work of partner agencies to support and promote the mental health and "
            "wellbeing of children and their parents/carers."
        ),
        "added_on": date(2023, 4, 1),
        "key_activities": [],
    },
    {
        "number": 3,
        "title": "Contextual Safeguarding",
        "focus": (
            "The Partnership will work with all agencies to ensure that there is a highly "
            "coordinated multi-agency and whole-council approach to a range of adolescent risks "
            "that occur in contexts beyond the family home (e.g. neighbourhood, schools, local "
            "shopping centres, youth venues etc.). These risks include child criminal "
            "exploitation, child sexual exploitation, serious youth violence, peer on peer abuse, "
            "harmful sexual behaviour and other overlapping forms of harm. The Partnership is "
            "aware of the risks of exploitation in their local area."
        ),
        "added_on": date(2023, 4, 1),
        "key_activities": [],
    },
    {
        "number": 4,
        "title": "Domestic Abuse",
        "focus": (
            "The Safeguarding Partnership actively monitors, promotes, coordinates and evaluates "
            "the work of partner agencies to help and protect children at risk of domestic abuse, "
            "including working effectively with other multi-agency groups that have "
            "responsibility for responding to domestic abuse."
        ),
        "added_on": date(2023, 4, 1),
        "key_activities": [],
    },
    {
        "number": 5,
        "title": "Neglect",
        "focus": (
            "The Safeguarding Partnership actively monitors, promotes, coordinates and evaluates "
            "the work of partner agencies to help and protect children at risk of neglect, "
            "including working effectively with other multi-agency groups that have "
            "responsibility for responding to neglect."
        ),
        "added_on": date(2023, 4, 1),
        "key_activities": [],
    },
    {
        "number": 6,
        "title": "Strong Leadership and Strong Partnership",
        "focus": (
            "The three safeguarding partners (the Police, Health and the Local Authority) have a "
            "shared and equal duty to make arrangements to work together to safeguard and promote "
            "the welfare of all children in Merton. The Executive Group, supported by an "
            "Independent Chair, an Independent Scrutineer and a Young Scrutineer, leads the "
            "safeguarding agenda, challenges the safeguarding work of partner organisations, and "
            "commits to an approach that learns lessons, embeds good practice and is continually "
            "influenced by children, young people and their families."
        ),
        "added_on": date(2023, 4, 1),
        "key_activities": [
            (
                "The MSCP and partners to successfully deliver against the Business Plan and "
                "associated work plans set for the MSCP and its sub-groups / working groups with "
                "focus on the MSCP agreed priorities"
            ),
            "Maintain an updated partnership agreement",
            (
                "MSCP Executive to routinely scrutinise the performance of the partnership on the "
                "following functions: performance management, audit, training and development, "
                "the coordination of how the voice of the child is listened to by agencies and "
                "the partnership. There is a particular focus on improving existing performance "
                "monitoring arrangements."
            ),
            "Oversee the delivery of the MSCP Independent Scrutiny plan",
            (
                "To maintain effective communication and awareness raising about safeguarding to "
                "individuals, organisations and communities, including through the MSCP news "
                "bulletin, website and full partnership forum."
            ),
            (
                "Maintain assurance that the roll out of the new 'Liberty Protection Safeguards' "
                "outlined in the Mental Capacity Act (Amendment) 2019 is supported by clear "
                "guidance and is understood by all relevant agencies and practitioners."
            ),
            (
                "Maintain oversight of Merton response to the Independent Inquiry into Child "
                "Sexual Abuse (IICSA)"
            ),
        ],
    },
]

THEMES = [
    {
        "key": "voice",
        "title": "Voice of children, young people, and families",
        "description": (
            "Children, young people and families are listened to and what they say shapes "
            "services. The partnership commits to an approach that is continually influenced by "
            "children, young people and their families, and the Young Scrutineer scrutinises "
            "services from the perspective of young people in Merton."
        ),
    },
    {
        "key": "think-family",
        "title": "Think Family",
        "description": (
            "Practitioners see the whole family: adults' needs, such as mental ill health, "
            "substance misuse and domestic abuse, are assessed with the children in mind, and "
            "help is coordinated around the family rather than the service."
        ),
    },
    {
        "key": "disproportionality",
        "title": "Addressing disproportionality",
        "description": (
            "Understanding and tackling the over- and under-representation of groups of children "
            "in services and outcomes, including the adultification of Black children and young "
            "people examined in the Young Scrutineer's thematic scrutiny."
        ),
    },
    {
        "key": "pressures",
        "title": "Pressures on families including cost-of-living and impact of Covid-19",
        "description": (
            "Retaining awareness of the ongoing impacts of wider pressures on families, including "
            "the cost-of-living crisis and the aftermath of the Covid-19 pandemic, and making "
            "sure families under pressure are offered practical help early."
        ),
    },
    {
        "key": "learning",
        "title": "Learning from reviews & embedding reforms",
        "description": (
            "Learning from local and national practice reviews is reflected in sub-group work "
            "plans, and the 'learning loop' from case and practice reviews is quality assured "
            "through independent scrutiny; national reforms are embedded in local practice."
        ),
    },
]

SUBGROUPS = [
    {
        "short_name": "QAPR",
        "name": "Quality Assurance & Practice Review",
        "remit": ["Quality assurance & audit programme", "Learning from reviews and scrutiny"],
        "priorities": [6],
        "chair": "Head of Child Protection & Quality Assurance (LB Merton)",
        "members": [
            "MSCP Business Manager",
            "Designated Nurse Safeguarding Children (NHS South West London ICB)",
            "Designated Doctor Safeguarding Children (NHS South West London ICB)",
            "Detective Inspector, Public Protection, South West BCU (Metropolitan Police)",
            "Education Safeguarding Lead (LB Merton)",
            "Named safeguarding professionals (acute, community and mental health trusts)",
            "Independent Scrutineer (for learning reviews)",
        ],
    },
    {
        "short_name": "P&T",
        "name": "Policy & Training",
        "remit": ["MSCP training programme", "MSCP policies"],
        "priorities": [6],
        "chair": "Designated Nurse Safeguarding Children (NHS South West London ICB)",
        "members": [
            "MSCP Business Manager",
            "MSCP Training Coordinator",
            "Head of MASH & First Response (LB Merton)",
            "Head of Adult Social Care Safeguarding (LB Merton)",
            "Police Safeguarding Training Lead, South West BCU (Metropolitan Police)",
            "Schools' designated safeguarding lead representatives",
            "Voluntary and community sector representative",
        ],
    },
    {
        "short_name": "PEI",
        "name": "Prevention & Early Intervention",
        "remit": ["Priority 1 - Early help", "Priority 2 - Mental health & wellbeing"],
        "priorities": [1, 2],
        "chair": "Head of Service, Early Help (LB Merton)",
        "members": [
            "Head of MASH & First Response (LB Merton)",
            "Head of Children's Commissioning (NHS South West London ICB, Merton)",
            "Service Manager, Merton CAMHS",
            (
                "Associate Director of Safeguarding (South West London and St George's Mental "
                "Health NHS Trust)"
            ),
            "0-19 Service safeguarding lead (health visiting and school nursing)",
            "Head of School Improvement (LB Merton)",
            "Voluntary and community sector representative",
        ],
    },
    {
        "short_name": "PPYP",
        "name": "Promote & Protect Young People",
        "remit": ["Priority 3 - Contextual safeguarding"],
        "priorities": [3],
        "chair": (
            "Detective Superintendent, Public Protection, South West BCU (Metropolitan Police)"
        ),
        "members": [
            "Head of Adolescent & Family Services (LB Merton)",
            "Head of Community Safety, Safer Merton (LB Merton)",
            "Head of Youth Justice (LB Merton)",
            "Education Safeguarding Lead (LB Merton)",
            "Head of Inclusion (LB Merton)",
            "Youth Participation Lead (LB Merton)",
            "Designated Nurse Safeguarding Children (NHS South West London ICB)",
            "Young Scrutineer",
        ],
    },
    {
        "short_name": "ESS",
        "name": "Effective Safeguarding & Support",
        "remit": ["Priority 4 - Domestic abuse", "Priority 5 - Neglect"],
        "priorities": [4, 5],
        "chair": "Assistant Director, Children's Social Care (LB Merton)",
        "members": [
            "Domestic Abuse Strategic Lead (LB Merton)",
            "Head of Child Protection & Quality Assurance (LB Merton)",
            "Detective Inspector, Public Protection, South West BCU (Metropolitan Police)",
            "Designated Doctor Safeguarding Children (NHS South West London ICB)",
            "Head of Housing Needs (LB Merton)",
            "Commissioned specialist domestic abuse service",
            "Head of Early Help (LB Merton)",
        ],
    },
]

WORKPLANS = [
    # QAPR workplan 2023-24 ---------------------------------------------------------------------
    {
        "subgroup": "QAPR",
        "year": "2023-24",
        "actions": [
            {
                "reference": "QAPR C.1",
                "priority": None,
                "impact": (
                    "Partners have assurance, from evidence of frontline practice, that "
                    "multi-agency work on the MSCP priorities is effective, and know where it "
                    "needs to improve."
                ),
                "action": (
                    "Deliver the 2023-24 multi-agency audit programme: four thematic audits "
                    "(early help step-up and step-down; neglect; children living with domestic "
                    "abuse; child exploitation), each reporting findings and recommendations to "
                    "the sub-group that owns the priority."
                ),
                "themes": ["learning", "voice"],
                "lead": "QAPR Chair / MSCP Business Manager",
                "lead_user": None,
                "timeframe": "Quarterly – programme complete March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 20),
                        "rating": "green",
                        "narrative": (
                            "Audit schedule agreed by QAPR. Early help step-up and step-down "
                            "audit (12 cases) completed in June; findings to be presented to PEI "
                            "in July."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 19),
                        "rating": "green",
                        "narrative": (
                            "Neglect audit completed (10 cases, five agencies). Graded Care "
                            "Profile 2 evident in 6 of 10 cases; findings shared with ESS to "
                            "inform the neglect strategy refresh."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 12),
                        "rating": "green",
                        "narrative": (
                            "Domestic abuse audit completed. Operation Encompass notifications to "
                            "schools were a strength, but the child's lived experience was poorly "
                            "recorded in 4 of 10 health records. Exploitation audit scheduled for "
                            "February 2024."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 12),
                        "rating": "blue",
                        "narrative": (
                            "All four audits completed and reported to the owning sub-groups. "
                            "Re-audit of early help cases in February found step-down plans "
                            "agreed within five working days in 10 of 12 cases (6 of 12 at "
                            "baseline). Summary report to the Executive in April; learning shapes "
                            "the 2024-25 programme."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "QAPR C.2",
                "priority": None,
                "impact": (
                    "Serious incidents are reviewed promptly and proportionately, and every rapid "
                    "review reaches the National Panel within 15 working days."
                ),
                "action": (
                    "Convene a rapid review for every serious incident notification, decide with "
                    "the safeguarding partners whether a local child safeguarding practice review "
                    "(LCSPR) is needed, and track each review through to publication."
                ),
                "themes": ["learning"],
                "lead": "MSCP Business Manager / Safeguarding partners' leads",
                "lead_user": None,
                "timeframe": "Ongoing – as notifications arise; reported quarterly",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 20),
                        "rating": "green",
                        "narrative": (
                            "One notification in Q1 (chronic neglect of a school-age child). "
                            "Rapid review submitted within 15 working days; the safeguarding "
                            "partners agreed an LCSPR, commissioned in June."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 19),
                        "rating": "green",
                        "narrative": (
                            "Rapid review held in August following a young person's hospital "
                            "attendance after self-harm; submitted within timescale. Learning on "
                            "the self-harm pathway passed to PEI (PEI 2.4)."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 12),
                        "rating": "green",
                        "narrative": (
                            "Two rapid reviews in October (a serious injury to an infant; a "
                            "Merton child exploited through county lines), both submitted within "
                            "timescale. Learning added as QAPR C.6 and PPYP 3.8."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 12),
                        "rating": "blue",
                        "narrative": (
                            "All four rapid reviews in 2023-24 reached the National Panel within "
                            "15 working days (100%). Panel feedback described the October infant "
                            "review as thorough and reflective. The neglect LCSPR is in progress; "
                            "its emerging learning is tracked through ESS 5.5."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "QAPR C.3",
                "priority": None,
                "impact": (
                    "Recommendations from local and national reviews are acted on, and partners "
                    "can show the difference the learning has made to practice."
                ),
                "action": (
                    "Maintain the MSCP learning and improvement tracker for all open review "
                    "actions. Agency leads report progress quarterly and QAPR tests the evidence "
                    "of embedding before an action is closed."
                ),
                "themes": ["learning"],
                "lead": "MSCP Business Manager",
                "lead_user": None,
                "timeframe": "Quarterly",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 20),
                        "rating": "amber",
                        "narrative": (
                            "23 open actions from three LCSPRs; 9 are past their target date, "
                            "mostly awaiting evidence from health providers. The Business Manager "
                            "is meeting each agency lead in July to agree revised dates."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 19),
                        "rating": "amber",
                        "narrative": (
                            "Overdue actions reduced from 9 to 5. Two depend on an IT change to "
                            "flag 'was not brought' in GP records; escalated to the ICB "
                            "Designated Nurse, who has raised it with the system supplier."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 12),
                        "rating": "green",
                        "narrative": (
                            "Overdue actions down to 2, both with agreed revised dates. QAPR "
                            "agreed an 'evidence of embedding' template that every closure must "
                            "now use."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 12),
                        "rating": "blue",
                        "narrative": (
                            "20 of 23 actions closed with evidence of embedding; for example, a "
                            "dip sample of 15 GP records found 'was not brought' coded in 13. The "
                            "remaining three actions have named owners in 2024-25."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "QAPR C.4",
                "priority": None,
                "impact": (
                    "Each partner agency can show that it meets its safeguarding duties, and gaps "
                    "are challenged and followed up."
                ),
                "action": (
                    "Run the biennial Section 11 / Section 175 safeguarding self-assessment for "
                    "agencies and schools, followed by a multi-agency challenge event and agency "
                    "improvement plans."
                ),
                "themes": ["learning"],
                "lead": "Head of Child Protection & Quality Assurance, LBM",
                "lead_user": None,
                "timeframe": "Returns by October 2023; challenge event December 2023",
                "due": date(2023, 12, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 20),
                        "rating": "green",
                        "narrative": (
                            "Self-assessment tool refreshed and issued to 24 agencies and all "
                            "schools."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 19),
                        "rating": "amber",
                        "narrative": (
                            "Only 14 of 24 agency returns received by mid-September; voluntary "
                            "sector returns are slow. Deadline extended to 20 October, with "
                            "reminders through the news bulletin and the voluntary sector forum."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 12),
                        "rating": "green",
                        "narrative": (
                            "22 of 24 agency returns and 58 of 60 school returns received. "
                            "Challenge event held on 5 December with 31 attendees; agencies rated "
                            "themselves weakest on hearing the voice of the child."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 12),
                        "rating": "blue",
                        "narrative": (
                            "Improvement plans received from every agency that made a return; "
                            "QAPR is following them up. Voice of the child added as a standing "
                            "section of every multi-agency audit (QAPR C.7)."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "QAPR C.5",
                "priority": None,
                "impact": (
                    "Merton practice reflects the findings of national reviews, with gaps "
                    "identified and closed."
                ),
                "action": (
                    "Complete a gap analysis against the Child Safeguarding Practice Review "
                    "Panel's national reports of 2022-23 ('Child Protection in England' and the "
                    "review of safeguarding children with disabilities and complex health needs "
                    "in residential settings) and agree local actions."
                ),
                "themes": ["learning"],
                "lead": "QAPR Chair",
                "lead_user": None,
                "timeframe": "September 2023",
                "due": date(2023, 9, 30),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 20),
                        "rating": "green",
                        "narrative": (
                            "Gap analysis template circulated; returns from police, health and "
                            "children's social care due in July."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 19),
                        "rating": "blue",
                        "narrative": (
                            "Gap analysis presented to the Executive in September. Police and "
                            "health attendance at strategy discussions confirmed as a strength "
                            "(98% in Q1); joint child protection investigation training added to "
                            "the 2024-25 programme, and all children in residential placements "
                            "out of borough confirmed as visited within timescale."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "QAPR 6.1",
                "priority": 6,
                "impact": (
                    "The Executive routinely scrutinises a multi-agency performance picture, with "
                    "police and health data alongside local authority data, and uses it to "
                    "challenge and direct the partnership's work."
                ),
                "action": (
                    "Refresh the MSCP performance dashboard so that each sub-group has an agreed "
                    "multi-agency dataset, including police and health measures and ethnicity "
                    "breakdowns, reported quarterly to the Executive."
                ),
                "themes": ["disproportionality"],
                "lead": "MSCP Business Manager / Performance leads (LBM, Met Police, SWL ICB)",
                "lead_user": None,
                "timeframe": "Q2 2023/24 – dataset agreed; quarterly reporting from Q3",
                "due": date(2023, 12, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 20),
                        "rating": "green",
                        "narrative": (
                            "Dataset workshop held with all sub-group chairs. Draft indicators "
                            "agreed, including ethnicity breakdowns to support work on "
                            "disproportionality."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 19),
                        "rating": "red",
                        "narrative": (
                            "Police and health indicators not received: a data sharing agreement "
                            "with the ICB is outstanding and Met Police data is only available "
                            "for the whole BCU. Escalated to the Executive on 26 September; each "
                            "statutory partner has nominated a performance lead."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 12),
                        "rating": "amber",
                        "narrative": (
                            "Data sharing agreement signed in November and the Q2 dashboard "
                            "produced with local authority and health data. Police data is still "
                            "BCU-wide; the Business Manager is meeting BCU analysts to agree a "
                            "Merton-level extract."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 12),
                        "rating": "amber",
                        "narrative": (
                            "Dashboard reported to the Executive in February with 27 of 34 "
                            "indicators populated. Merton-level police data remains outstanding; "
                            "carried into 2024-25 for the Executive to resolve with the BCU "
                            "commander."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "QAPR 6.2",
                "priority": 6,
                "impact": (
                    "Independent scrutiny, including from a young person's perspective, tests "
                    "whether the partnership's arrangements make a difference to children's "
                    "outcomes."
                ),
                "action": (
                    "Oversee delivery of the 2023-24 Independent Scrutiny plan, including the "
                    "Young Scrutineer's thematic work, and track the partnership's response to "
                    "every scrutiny recommendation."
                ),
                "themes": ["voice", "learning"],
                "lead": "Independent Scrutineer / MSCP Business Manager",
                "lead_user": None,
                "timeframe": "March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 20),
                        "rating": "green",
                        "narrative": (
                            "Scrutiny plan agreed by the Executive. Themes for 2023-24: the front "
                            "door, and young people's experience of mental health support."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 12),
                        "rating": "green",
                        "narrative": (
                            "Front door scrutiny completed; report to the Executive in January. "
                            "The Young Scrutineer has run two focus groups with young people on "
                            "mental health support."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 12),
                        "rating": "blue",
                        "narrative": (
                            "Both scrutiny reports delivered and accepted, and all 9 "
                            "recommendations tracked by the Executive. The Young Scrutineer's "
                            "finding that young people want a named contact while they wait for "
                            "help has become a 2024-25 PEI action (support while waiting)."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "QAPR 6.3",
                "priority": 6,
                "impact": (
                    "Practitioners across the partnership know the learning from local reviews "
                    "and audits, and can say how it has changed their practice."
                ),
                "action": (
                    "Publish a 7-minute briefing after every review and audit, hold two "
                    "multi-agency learning events, and test reach through a practitioner survey."
                ),
                "themes": ["learning"],
                "lead": "MSCP Business Manager / P&T Chair",
                "lead_user": None,
                "timeframe": "Two learning events by March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 9, 19),
                        "rating": "green",
                        "narrative": (
                            "Two 7-minute briefings published (early help audit; learning on "
                            "bruising in non-mobile infants). First learning event booked for "
                            "November."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 12),
                        "rating": "green",
                        "narrative": (
                            "Learning event on 22 November attended by 86 practitioners from 19 "
                            "agencies."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 12),
                        "rating": "blue",
                        "narrative": (
                            "Second learning event held in February (74 attendees). Practitioner "
                            "survey (142 responses): 71% had read at least one briefing and 58% "
                            "could give an example of changing their practice, up from 44% in "
                            "2022-23."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "QAPR C.6",
                "priority": None,
                "impact": (
                    "Parents of new babies hear consistent ICON and safe sleep messages from "
                    "every agency they meet, reducing the risk of non-accidental injury to "
                    "infants."
                ),
                "action": (
                    "Following the October 2023 rapid review, audit how ICON and safe sleep "
                    "messages are given and recorded at maternity discharge, health visiting "
                    "contacts and GP 8-week checks, and report the findings to PEI."
                ),
                "themes": ["learning", "think-family"],
                "lead": "Designated Nurse Safeguarding Children, SWL ICB",
                "lead_user": None,
                "timeframe": "Audit report to QAPR by March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 11, 6),
                "updates": [
                    {
                        "as_at": date(2023, 12, 12),
                        "rating": "amber",
                        "narrative": (
                            "Audit tool agreed and a sample of 30 births (August to October 2023) "
                            "identified. Access to GP records is delayed pending information "
                            "governance sign-off; fieldwork moved to January."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 12),
                        "rating": "green",
                        "narrative": (
                            "Fieldwork complete. ICON recorded at maternity discharge in 26 of 30 "
                            "cases but at only 9 of 30 GP 8-week checks. Report to QAPR in April "
                            "2024, with recommendations to PEI."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "QAPR C.7",
                "priority": None,
                "impact": (
                    "Audits and reviews reflect what children and families say about the help "
                    "they received."
                ),
                "action": (
                    "Include direct feedback from children, young people and parents in every "
                    "multi-agency audit and learning review, using a consistent family feedback "
                    "conversation."
                ),
                "themes": ["voice"],
                "lead": "QAPR Chair / Head of Child Protection & Quality Assurance, LBM",
                "lead_user": None,
                "timeframe": "From Q2 2023/24",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 9, 19),
                        "rating": "amber",
                        "narrative": (
                            "Feedback conversation guide agreed, but families were contacted in "
                            "only 2 of 12 early help audit cases. Auditors are being given "
                            "protected time and a script, and the Young Scrutineer is reviewing "
                            "the guide."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 12),
                        "rating": "green",
                        "narrative": (
                            "Family feedback obtained in 5 of 10 domestic abuse audit cases."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 12),
                        "rating": "blue",
                        "narrative": (
                            "Feedback from 7 of 10 families in the exploitation audit; two "
                            "parents described MACE as 'the first time everyone was in the same "
                            "room'. Family feedback is now a standing section of every audit "
                            "report."
                        ),
                        "author": "bsu",
                    },
                ],
            },
        ],
    },
    # P&T workplan 2023-24 ----------------------------------------------------------------------
    {
        "subgroup": "P&T",
        "year": "2023-24",
        "actions": [
            {
                "reference": "P&T C.1",
                "priority": None,
                "impact": (
                    "The multi-agency workforce has the safeguarding knowledge and skills that "
                    "the MSCP priorities require."
                ),
                "action": (
                    "Deliver the 2023-24 MSCP multi-agency training programme, aligned to the six "
                    "priorities, and report attendance by agency each quarter."
                ),
                "themes": ["learning"],
                "lead": "MSCP Training Coordinator",
                "lead_user": None,
                "timeframe": "Quarterly – programme runs April 2023 to March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 27),
                        "rating": "green",
                        "narrative": (
                            "Programme of 40 courses published; 11 delivered in Q1 to 298 "
                            "attendees."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 10, 3),
                        "rating": "amber",
                        "narrative": (
                            "Attendance from police and GP practices low in Q2 (4% and 2% of "
                            "places). The Executive has been asked to promote the programme, and "
                            "two evening sessions have been added for primary care."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 1, 9),
                        "rating": "green",
                        "narrative": (
                            "Police attendance improved after sessions were added to BCU training "
                            "days; GP attendance still low."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 19),
                        "rating": "blue",
                        "narrative": (
                            "42 sessions delivered to 1,186 practitioners from 63 agencies; 89% "
                            "of evaluations rated sessions good or excellent. GP attendance rose "
                            "to 7% of places after the evening sessions."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "P&T C.2",
                "priority": None,
                "impact": (
                    "The partnership knows whether training changes practice, not only whether "
                    "people attended."
                ),
                "action": (
                    "Introduce a three-month post-course impact survey and a manager's follow-up "
                    "conversation for the core courses."
                ),
                "themes": ["learning"],
                "lead": "MSCP Training Coordinator",
                "lead_user": None,
                "timeframe": "Launch September 2023; first analysis March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 10, 3),
                        "rating": "amber",
                        "narrative": (
                            "Survey launched in September, but the first response rate was only "
                            "12%. Completing the survey will now release the course certificate."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 1, 9),
                        "rating": "green",
                        "narrative": (
                            "Response rate up to 41% since certificates were linked to the "
                            "survey."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 19),
                        "rating": "blue",
                        "narrative": (
                            "Analysis of 318 responses: 76% reported using the learning in "
                            "practice, most often the Neglect toolkit and the escalation policy. "
                            "Findings used to reshape the 2024-25 programme around scenario-based "
                            "sessions."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "P&T C.3",
                "priority": None,
                "impact": (
                    "Practitioners apply thresholds consistently, so children and families get "
                    "the right help at the right time."
                ),
                "action": (
                    "Refresh the multi-agency threshold guidance with partners, reflecting the "
                    "Early Help strategy and the front door arrangements, and relaunch it through "
                    "briefings."
                ),
                "themes": ["think-family"],
                "lead": "P&T Chair / Head of MASH & First Response, LBM",
                "lead_user": None,
                "timeframe": "December 2023",
                "due": date(2023, 12, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 27),
                        "rating": "green",
                        "narrative": (
                            "Task and finish group formed with PEI members; consultation draft "
                            "due in September."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 10, 3),
                        "rating": "green",
                        "narrative": (
                            "Consultation draft circulated; 37 responses, including from the "
                            "schools' designated safeguarding lead forum."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 19),
                        "rating": "blue",
                        "narrative": (
                            "Refreshed guidance approved by the Executive in December and "
                            "relaunched through three briefings (212 attendees). MASH reports "
                            "fewer contacts lacking consent information (18% in February, down "
                            "from 31%)."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "P&T C.4",
                "priority": None,
                "impact": (
                    "Professional disagreements are resolved quickly and in the child's interest."
                ),
                "action": (
                    "Review the MSCP Escalation and Resolution of Professional Disagreements "
                    "policy and monitor escalations quarterly."
                ),
                "themes": ["learning"],
                "lead": "P&T Chair",
                "lead_user": None,
                "timeframe": "September 2023, then quarterly monitoring",
                "due": date(2023, 9, 30),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 27),
                        "rating": "green",
                        "narrative": (
                            "Review under way; learning from a local review about an unresolved "
                            "disagreement built into the draft."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 10, 3),
                        "rating": "blue",
                        "narrative": (
                            "Revised policy published in September with a five-working-day "
                            "timescale at each stage. 9 escalations logged in Q2, all resolved at "
                            "stage 1 or 2."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "P&T C.5",
                "priority": None,
                "impact": (
                    "Merton practitioners follow up-to-date procedures that are consistent with "
                    "the London Safeguarding Children Procedures."
                ),
                "action": (
                    "Review MSCP local procedures and guidance against each update of the London "
                    "Safeguarding Children Procedures, remove duplication and publish the changes "
                    "on the MSCP website."
                ),
                "themes": [],
                "lead": "MSCP Business Manager",
                "lead_user": None,
                "timeframe": "Six-monthly – September 2023 and March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 10, 3),
                        "rating": "green",
                        "narrative": (
                            "September review complete; 6 local documents archived as superseded "
                            "by the London procedures."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 19),
                        "rating": "blue",
                        "narrative": (
                            "March review complete. Views of the local procedures pages are up "
                            "35% since the refresh, and no practitioner queries about conflicting "
                            "guidance this quarter."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "P&T 6.1",
                "priority": 6,
                "impact": (
                    "All relevant agencies and practitioners understand how deprivation of "
                    "liberty applies to 16 and 17 year olds, supported by clear guidance."
                ),
                "action": (
                    "Maintain assurance on the roll-out of the Liberty Protection Safeguards "
                    "(Mental Capacity Act (Amendment) 2019) and, in the meantime, issue joint "
                    "guidance on deprivation of liberty for 16 and 17 year olds."
                ),
                "themes": ["learning"],
                "lead": "P&T Chair / Head of Adult Social Care Safeguarding, LBM",
                "lead_user": None,
                "timeframe": "March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 27),
                        "rating": "amber",
                        "narrative": (
                            "The Government announced in April 2023 that LPS implementation is "
                            "delayed beyond the life of this Parliament. The sub-group agreed to "
                            "re-scope the action to the current arrangements for 16 and 17 year "
                            "olds."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 10, 3),
                        "rating": "green",
                        "narrative": "Joint briefing drafted with the Safeguarding Adults Board.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 19),
                        "rating": "blue",
                        "narrative": (
                            "Briefing published and two joint sessions held for children's and "
                            "adults' services (64 attendees). LPS will be kept as a watching "
                            "brief."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "P&T 6.2",
                "priority": 6,
                "impact": (
                    "Individuals, organisations and communities know about safeguarding and about "
                    "the partnership's work."
                ),
                "action": (
                    "Publish the MSCP news bulletin quarterly, keep the MSCP website current and "
                    "hold the full partnership forum three times a year."
                ),
                "themes": ["voice"],
                "lead": "MSCP Business Manager",
                "lead_user": None,
                "timeframe": "Quarterly",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 27),
                        "rating": "green",
                        "narrative": (
                            "Spring bulletin issued to 1,450 subscribers; full partnership forum "
                            "held in May."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 1, 9),
                        "rating": "green",
                        "narrative": (
                            "Autumn forum on cost-of-living pressures on families attended by 112 "
                            "people."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 19),
                        "rating": "blue",
                        "narrative": (
                            "Four bulletins issued (subscribers up 22% to 1,770), three forums "
                            "held and website visits up 18% on last year. The Young Scrutineer "
                            "co-wrote a new page for young people."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "P&T C.6",
                "priority": None,
                "impact": (
                    "Practitioners recognise adultification bias and its effect, particularly on "
                    "Black children, and respond to children as children."
                ),
                "action": (
                    "Develop and deliver a multi-agency adultification workshop drawing on the "
                    "Young Scrutineer's thematic scrutiny, and add adultification to the core "
                    "child exploitation training."
                ),
                "themes": ["disproportionality", "voice"],
                "lead": "MSCP Training Coordinator / Young Scrutineer",
                "lead_user": None,
                "timeframe": "Pilot by November 2023; in programme by March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 27),
                        "rating": "green",
                        "narrative": (
                            "Workshop content being co-designed with the Young Scrutineer."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 1, 9),
                        "rating": "green",
                        "narrative": (
                            "Pilot workshop delivered to 28 practitioners in November; "
                            "evaluations very positive."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 19),
                        "rating": "blue",
                        "narrative": (
                            "Four workshops delivered to 104 practitioners, including police "
                            "officers, school staff and youth workers; 92% said they would change "
                            "how they describe children's behaviour in records. Adultification is "
                            "now in every exploitation course."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "P&T C.7",
                "priority": None,
                "impact": (
                    "Merton's arrangements, procedures and training reflect Working Together to "
                    "Safeguard Children 2023."
                ),
                "action": (
                    "Complete a gap analysis against Working Together 2023 (published December "
                    "2023) and plan the changes to local arrangements, procedures and training, "
                    "including lead and delegated safeguarding partner roles and the role of "
                    "education."
                ),
                "themes": ["learning"],
                "lead": "MSCP Business Manager / P&T Chair",
                "lead_user": None,
                "timeframe": (
                    "Gap analysis by March 2024; revised arrangements published by December 2024"
                ),
                "due": date(2024, 12, 31),
                "added_on": date(2024, 1, 8),
                "updates": [
                    {
                        "as_at": date(2024, 3, 19),
                        "rating": "green",
                        "narrative": (
                            "Gap analysis presented to the Executive in March. Main changes: "
                            "naming lead and delegated safeguarding partners, education as a "
                            "relevant agency, and the multi-agency expectations for all "
                            "practitioners. Revised arrangements on track for publication by "
                            "December 2024."
                        ),
                        "author": "bsu",
                    },
                ],
            },
        ],
    },
    # PEI workplan 2023-24 ----------------------------------------------------------------------
    {
        "subgroup": "PEI",
        "year": "2023-24",
        "actions": [
            {
                "reference": "PEI 1.1",
                "priority": 1,
                "impact": (
                    "Families get help as soon as a problem emerges, through a coordinated "
                    "partnership early help offer."
                ),
                "action": (
                    "Deliver year two of the partnership Early Help strategy action plan and "
                    "report progress against the Early Help performance dashboard at each PEI "
                    "meeting."
                ),
                "themes": ["think-family", "pressures"],
                "lead": "Head of Early Help, LBM",
                "lead_user": "pei-lead",
                "timeframe": "Quarterly",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 14),
                        "rating": "green",
                        "narrative": (
                            "Action plan refreshed for 2023-24. The Early Help dashboard now "
                            "includes partner-led assessments and outcomes at closure."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2023, 9, 13),
                        "rating": "green",
                        "narrative": (
                            "1,046 children supported through Early Help in Q1 and Q2; 15 of 19 "
                            "plan actions on track."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2024, 3, 6),
                        "rating": "blue",
                        "narrative": (
                            "Year two action plan delivered (17 of 19 actions complete; 2 moved "
                            "into the strategy refresh). 78% of families closed to Early Help "
                            "with needs met, and re-referrals within 12 months fell from 19% to "
                            "14%."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
            {
                "reference": "PEI 1.2",
                "priority": 1,
                "impact": (
                    "More families are supported by a lead professional from the agency that "
                    "knows them best, not only by the local authority."
                ),
                "action": (
                    "Increase the number of Early Help Assessments (EHAs) started by schools, "
                    "health and voluntary sector partners, with coaching from the Early Help "
                    "locality teams."
                ),
                "themes": ["think-family"],
                "lead": "Head of Early Help, LBM",
                "lead_user": "pei-lead",
                "timeframe": "March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 14),
                        "rating": "amber",
                        "narrative": (
                            "Partner-initiated EHAs at 18% (target 30%). Schools report capacity "
                            "pressures; locality teams are offering joint visits and coaching."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2023, 12, 6),
                        "rating": "green",
                        "narrative": (
                            "Partner-initiated EHAs rose to 26% in Q3 after EHA coaching for 34 "
                            "schools."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2024, 3, 6),
                        "rating": "blue",
                        "narrative": (
                            "Partner-initiated EHAs at 31% in Q4, above the 30% target. 14 health "
                            "visitors and 6 voluntary sector workers are now acting as lead "
                            "professional."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
            {
                "reference": "PEI 1.3",
                "priority": 1,
                "impact": (
                    "Children and families move smoothly between the front door (MASH) and Early "
                    "Help, without delay or repeated assessment."
                ),
                "action": (
                    "Agree a joint MASH and Early Help step-up and step-down protocol, with "
                    "step-down to Early Help completed within five working days."
                ),
                "themes": ["think-family"],
                "lead": "Head of MASH & First Response, LBM / Head of Early Help, LBM",
                "lead_user": "pei-lead",
                "timeframe": "Protocol by September 2023; monitored quarterly",
                "due": date(2023, 9, 30),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 14),
                        "rating": "green",
                        "narrative": (
                            "Draft protocol agreed by both services; consultation with partners "
                            "over the summer."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2023, 9, 13),
                        "rating": "green",
                        "narrative": (
                            "Protocol signed off. An Early Help consultant now sits in the MASH "
                            "every day."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2024, 3, 6),
                        "rating": "blue",
                        "narrative": (
                            "Step-down within five working days in 87% of cases in Q4 (52% at "
                            "baseline); the QAPR re-audit confirmed the improvement."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
            {
                "reference": "PEI 1.4",
                "priority": 1,
                "impact": (
                    "Families under financial pressure are offered practical help early, before "
                    "pressures lead to crisis or neglect."
                ),
                "action": (
                    "Make sure practitioners across the partnership know and use the local "
                    "cost-of-living support offer (Household Support Fund, food and fuel support, "
                    "welfare benefits advice), through a one-page guide and briefings."
                ),
                "themes": ["pressures"],
                "lead": "Head of Early Help, LBM",
                "lead_user": "pei-lead",
                "timeframe": "September 2023",
                "due": date(2023, 9, 30),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 14),
                        "rating": "green",
                        "narrative": (
                            "One-page guide drafted with the council's financial inclusion team "
                            "and voluntary sector partners."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2023, 9, 13),
                        "rating": "blue",
                        "narrative": (
                            "Guide published and shared through the news bulletin; five briefings "
                            "held (163 practitioners). Referrals from schools to welfare benefits "
                            "advice rose from 12 to 41 a month."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
            {
                "reference": "PEI 1.5",
                "priority": 1,
                "impact": (
                    "Families' experience of early help shapes how the service is delivered."
                ),
                "action": (
                    "Collect feedback from every family when Early Help closes and report 'you "
                    "said, we did' changes to PEI each quarter."
                ),
                "themes": ["voice"],
                "lead": "Head of Early Help, LBM",
                "lead_user": "pei-lead",
                "timeframe": "Quarterly",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 14),
                        "rating": "amber",
                        "narrative": (
                            "Feedback returned by only 21% of families; the form is too long. A "
                            "shortened text-message survey will be trialled from July."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2023, 9, 13),
                        "rating": "green",
                        "narrative": "Response rate 47% with the text-message survey.",
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2024, 3, 6),
                        "rating": "blue",
                        "narrative": (
                            "Response rate 52% across the year; 91% of families said they were "
                            "listened to. Changes made as a result: evening appointments at two "
                            "children's centres, and information now available in Tamil, Polish "
                            "and Urdu."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
            {
                "reference": "PEI 1.6",
                "priority": 1,
                "impact": (
                    "Early help reaches the communities that most need it, and no group of "
                    "children is under-served."
                ),
                "action": (
                    "Analyse take-up of Early Help by ethnicity, disability and ward, and agree "
                    "targeted outreach where groups are under-represented, particularly in the "
                    "east of the borough."
                ),
                "themes": ["disproportionality"],
                "lead": "Head of Early Help, LBM / LBM Insight team",
                "lead_user": "pei-lead",
                "timeframe": "Analysis by December 2023; outreach plan by March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 9, 13),
                        "rating": "amber",
                        "narrative": (
                            "Ethnicity is not recorded for 23% of Early Help episodes, which "
                            "limits the analysis. Data cleansing under way with the case "
                            "management system team."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2023, 12, 6),
                        "rating": "amber",
                        "narrative": (
                            "Recording gap reduced to 14%. Initial analysis shows Black Caribbean "
                            "and Gypsy, Roma and Traveller families under-represented compared "
                            "with referrals to children's social care."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 6),
                        "rating": "amber",
                        "narrative": (
                            "Outreach plan drafted with community organisations but not yet "
                            "agreed: community partners asked for more time to co-produce it. "
                            "Carried forward into the 2024-25 workplan (PEI 1.2)."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
            {
                "reference": "PEI 1.7",
                "priority": 1,
                "impact": (
                    "Every parent of a new baby in Merton knows that babies cry and how to cope, "
                    "reducing the risk of abusive head trauma."
                ),
                "action": (
                    "Embed the ICON programme across maternity, health visiting, GP practices and "
                    "children's centres, and extend ICON messages to fathers and male carers."
                ),
                "themes": ["think-family"],
                "lead": "Designated Nurse Safeguarding Children, SWL ICB",
                "lead_user": None,
                "timeframe": "March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 14),
                        "rating": "green",
                        "narrative": (
                            "ICON materials refreshed; GP practice safeguarding leads briefed at "
                            "their forum."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 6),
                        "rating": "green",
                        "narrative": (
                            "After the October rapid review, QAPR is auditing how ICON messages "
                            "are given and recorded (QAPR C.6)."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 6),
                        "rating": "blue",
                        "narrative": (
                            "ICON discussed at 96% of new birth visits (health visiting data, "
                            "Q3), and now part of the antenatal session for fathers at both acute "
                            "trusts."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PEI 2.1",
                "priority": 2,
                "impact": (
                    "Children and young people who need specialist mental health support receive "
                    "it without unsafe delay, and are supported while they wait."
                ),
                "action": (
                    "Through the CAMHS Board, monitor waiting times for Merton CAMHS and agree "
                    "partnership action to reduce waits and to risk-assess children on the "
                    "waiting list."
                ),
                "themes": ["voice"],
                "lead": "Head of Children's Commissioning, SWL ICB (Merton)",
                "lead_user": None,
                "timeframe": "Quarterly",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 14),
                        "rating": "amber",
                        "narrative": (
                            "Median wait for a first appointment is 11 weeks, and 64 children "
                            "have waited over 18 weeks. The provider is developing a recovery "
                            "plan."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 13),
                        "rating": "red",
                        "narrative": (
                            "Children waiting over 18 weeks rose to 92 because of staff "
                            "vacancies. Escalated to the CAMHS Board and the Executive; a risk "
                            "review is now held for every child waiting over 12 weeks."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 6),
                        "rating": "amber",
                        "narrative": (
                            "Two clinicians recruited; over-18-week waits down to 71. Every "
                            "waiting child now has a risk review and a named contact."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 6),
                        "rating": "green",
                        "narrative": (
                            "Over-18-week waits down to 38 and a recovery trajectory agreed with "
                            "the provider. Oversight continues through the CAMHS Board in 2024-25 "
                            "(PEI 2.1)."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PEI 2.2",
                "priority": 2,
                "impact": (
                    "Pupils get early support in school for mild to moderate mental health needs."
                ),
                "action": (
                    "Extend Mental Health Support Team (MHST) coverage to more Merton schools and "
                    "make sure every school has a trained senior mental health lead."
                ),
                "themes": ["voice"],
                "lead": (
                    "Head of Children's Commissioning, SWL ICB (Merton) / Head of School "
                    "Improvement, LBM"
                ),
                "lead_user": None,
                "timeframe": "March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 14),
                        "rating": "green",
                        "narrative": (
                            "Two MHSTs cover 28 schools; a bid for a third team has been "
                            "submitted."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 6),
                        "rating": "green",
                        "narrative": "Third team confirmed from January 2024.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 6),
                        "rating": "blue",
                        "narrative": (
                            "MHSTs now cover 35 schools (about 55% of pupils). 412 pupils "
                            "supported in 2023-24, 83% of them showing improvement on outcome "
                            "measures; 52 schools have a trained senior mental health lead."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PEI 2.3",
                "priority": 2,
                "impact": (
                    "Adult mental health services consider the children in the family, and "
                    "children of parents with mental ill health get support early."
                ),
                "action": (
                    "Embed Think Family screening in adult mental health assessments, and audit "
                    "whether children's needs are considered and referred on."
                ),
                "themes": ["think-family"],
                "lead": (
                    "Associate Director of Safeguarding, South West London and St George's Mental "
                    "Health NHS Trust"
                ),
                "lead_user": None,
                "timeframe": "Audit by December 2023",
                "due": date(2023, 12, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 14),
                        "rating": "amber",
                        "narrative": (
                            "The Think Family question is in the assessment template, but it is "
                            "completed in only 58% of assessments. The Trust safeguarding team is "
                            "briefing every team."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 13),
                        "rating": "green",
                        "narrative": "Completion up to 79%.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 6),
                        "rating": "blue",
                        "narrative": (
                            "Audit of 40 records: children identified in 36, and a referral or "
                            "early help discussion recorded in 31. Young carer referrals from "
                            "adult mental health teams have doubled compared with 2022-23."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PEI 2.4",
                "priority": 2,
                "impact": (
                    "Young people who attend hospital after self-harm are followed up promptly by "
                    "the right services, and information reaches their school and Early Help."
                ),
                "action": (
                    "Following the August 2023 rapid review, review the multi-agency self-harm "
                    "pathway from the emergency department to CAMHS, school and Early Help, and "
                    "agree information-sharing standards."
                ),
                "themes": ["learning", "voice"],
                "lead": (
                    "Designated Nurse Safeguarding Children, SWL ICB / Service Manager, Merton "
                    "CAMHS"
                ),
                "lead_user": None,
                "timeframe": "Pathway agreed by March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 10, 2),
                "updates": [
                    {
                        "as_at": date(2023, 12, 6),
                        "rating": "amber",
                        "narrative": (
                            "Task and finish group has met twice. The emergency departments at "
                            "the two acute trusts use different notification forms; the ICB is "
                            "seeking agreement to a single form."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 6),
                        "rating": "green",
                        "narrative": (
                            "Single notification form agreed and the pathway approved by PEI in "
                            "February. Launch planned for May 2024, after briefings for school "
                            "designated safeguarding leads."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PEI 2.5",
                "priority": 2,
                "impact": (
                    "Young people can get emotional wellbeing support in ways they choose, "
                    "including online and out of hours."
                ),
                "action": (
                    "Promote the online counselling and wellbeing offer through schools and youth "
                    "services, and ask young people, with the Young Scrutineer, how accessible it "
                    "is."
                ),
                "themes": ["voice"],
                "lead": "Head of Children's Commissioning, SWL ICB (Merton) / Young Scrutineer",
                "lead_user": None,
                "timeframe": "December 2023",
                "due": date(2023, 12, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 9, 13),
                        "rating": "green",
                        "narrative": "Promotion campaign in secondary schools during September.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 6),
                        "rating": "blue",
                        "narrative": (
                            "Log-ins by Merton young people up 46% on 2022-23, 38% of them out of "
                            "hours. A young people's focus group asked for clearer information "
                            "about confidentiality, which has been added to the school materials."
                        ),
                        "author": "bsu",
                    },
                ],
            },
        ],
    },
    # PPYP workplan 2023-24 ---------------------------------------------------------------------
    {
        "subgroup": "PPYP",
        "year": "2023-24",
        "actions": [
            {
                "reference": "PPYP 3.1",
                "priority": 3,
                "impact": (
                    "Children at risk of exploitation are identified early and have a coordinated "
                    "multi-agency plan that reduces the risk."
                ),
                "action": (
                    "Run the monthly Multi-Agency Child Exploitation (MACE) panel, reviewing "
                    "every child at risk of exploitation, and report themes and outcomes to PPYP "
                    "each quarter."
                ),
                "themes": ["disproportionality"],
                "lead": (
                    "Head of Adolescent & Family Services, LBM / Detective Inspector, Public "
                    "Protection, SW BCU"
                ),
                "lead_user": None,
                "timeframe": "Monthly; reported quarterly",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 7, 5),
                        "rating": "green",
                        "narrative": "MACE met three times in Q1 and discussed 27 children.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 10, 11),
                        "rating": "green",
                        "narrative": "Education and health attendance at MACE now consistent.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 20),
                        "rating": "blue",
                        "narrative": (
                            "MACE reviewed 61 children in 2023-24; risk had reduced for 39 (64%) "
                            "at their six-month review. Black boys are over-represented (48% of "
                            "children discussed); this is feeding the adultification work (PPYP "
                            "3.6)."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.2",
                "priority": 3,
                "impact": (
                    "Partners share a picture of where and how children are exploited in Merton, "
                    "and target disruption and prevention there."
                ),
                "action": (
                    "Produce a joint exploitation and contextual harm profile (locations, peer "
                    "groups, online) from police, council, health and education data, and refresh "
                    "it every six months."
                ),
                "themes": ["learning"],
                "lead": (
                    "Detective Inspector, Public Protection, SW BCU / Head of Community Safety "
                    "(Safer Merton), LBM"
                ),
                "lead_user": None,
                "timeframe": "First profile by October 2023; refresh March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 7, 5),
                        "rating": "amber",
                        "narrative": (
                            "Police intelligence can only be shared at BCU level until an "
                            "information-sharing agreement is signed; the first profile is likely "
                            "to slip to December."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 10, 11),
                        "rating": "green",
                        "narrative": (
                            "Information-sharing agreement signed in September; analysis under "
                            "way."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 1, 17),
                        "rating": "green",
                        "narrative": (
                            "First profile presented in December: hotspots around two town "
                            "centres and transport hubs, and a rise in online grooming through "
                            "gaming platforms."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 20),
                        "rating": "blue",
                        "narrative": (
                            "Profile refreshed in March. Targeted patrols and detached youth work "
                            "are running in the two identified locations, and police report 11 "
                            "disruption activities linked to the profile."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.3",
                "priority": 3,
                "impact": (
                    "Children who go missing are found, heard and protected, and repeat missing "
                    "episodes reduce."
                ),
                "action": (
                    "Improve take-up of return home interviews (RHIs) within 72 hours, and share "
                    "what children say with MACE and the police."
                ),
                "themes": ["voice"],
                "lead": "Head of Adolescent & Family Services, LBM",
                "lead_user": None,
                "timeframe": "March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 7, 5),
                        "rating": "amber",
                        "narrative": (
                            "RHIs offered after 92% of episodes but completed within 72 hours in "
                            "only 46%. The commissioned provider is adding evening and weekend "
                            "availability."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 10, 11),
                        "rating": "amber",
                        "narrative": "Completion within 72 hours up to 54%.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 1, 17),
                        "rating": "green",
                        "narrative": "Completion at 63%; RHI themes are now a standing MACE item.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 20),
                        "rating": "green",
                        "narrative": (
                            "Completion at 68% in Q4 against a 70% target. Work continues in "
                            "2024-25 (PPYP 3.4)."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.4",
                "priority": 3,
                "impact": (
                    "Schools respond confidently and consistently to sexual harassment and "
                    "harmful sexual behaviour (HSB), and pupils feel safer."
                ),
                "action": (
                    "Respond to the Young Scrutineer's thematic scrutiny of sexual harassment in "
                    "schools: roll out an HSB toolkit and training for designated safeguarding "
                    "leads, and repeat the pupil survey."
                ),
                "themes": ["voice", "learning"],
                "lead": "Education Safeguarding Lead, LBM",
                "lead_user": None,
                "timeframe": "March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 7, 5),
                        "rating": "green",
                        "narrative": (
                            "Toolkit, based on the Brook Traffic Light Tool, agreed with "
                            "headteachers."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 10, 11),
                        "rating": "green",
                        "narrative": (
                            "Designated safeguarding lead training delivered to 48 schools."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 20),
                        "rating": "blue",
                        "narrative": (
                            "All secondary schools and 39 primary schools trained. In the repeat "
                            "pupil survey (1,230 pupils), those who would report sexual "
                            "harassment to staff rose from 41% to 57%."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.5",
                "priority": 3,
                "impact": (
                    "Fewer young people are harmed by, or involved in, serious violence, in line "
                    "with the Serious Violence Duty."
                ),
                "action": (
                    "Contribute to the Safer Merton serious violence strategic needs assessment "
                    "and strategy, making sure it reflects children's safeguarding needs and "
                    "links with MACE."
                ),
                "themes": ["disproportionality"],
                "lead": "Head of Community Safety (Safer Merton), LBM",
                "lead_user": None,
                "timeframe": "Strategy published by January 2024",
                "due": date(2024, 1, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 7, 5),
                        "rating": "green",
                        "narrative": "Strategic needs assessment under way; PPYP data shared.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 10, 11),
                        "rating": "green",
                        "narrative": (
                            "Draft needs assessment identifies knife-enabled robbery among 15 to "
                            "19 year olds as a priority."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 1, 17),
                        "rating": "blue",
                        "narrative": (
                            "Serious Violence Strategy published in January with a joint PPYP and "
                            "Safer Merton delivery plan. MACE and the serious violence panel now "
                            "share one referral route."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.6",
                "priority": 3,
                "impact": (
                    "Black children and other groups at risk of adultification are seen and "
                    "treated as children by every agency."
                ),
                "action": (
                    "Act on the Young Scrutineer's thematic scrutiny of adultification: agency "
                    "self-assessments, police assurance on appropriate adults during searches of "
                    "children, and the learning built into MACE."
                ),
                "themes": ["disproportionality", "voice", "learning"],
                "lead": "PPYP Chair / Young Scrutineer",
                "lead_user": None,
                "timeframe": "March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 7, 5),
                        "rating": "amber",
                        "narrative": (
                            "Scrutiny report accepted by the Executive and agency "
                            "self-assessments issued, but police data on searches of children is "
                            "not yet available by borough."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 10, 11),
                        "rating": "amber",
                        "narrative": (
                            "8 of 11 self-assessments returned; the PPYP Chair is following up "
                            "the rest."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 1, 17),
                        "rating": "green",
                        "narrative": (
                            "All self-assessments returned. Police data on more thorough searches "
                            "of children is now reported quarterly."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 20),
                        "rating": "green",
                        "narrative": (
                            "Adultification written into the MACE terms of reference. Assurance "
                            "on searches of children continues in 2024-25 (PPYP 3.8)."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.7",
                "priority": 3,
                "impact": (
                    "Young people at risk of exploitation or harm continue to be protected as "
                    "they turn 18."
                ),
                "action": (
                    "Agree a transitional safeguarding protocol with adult social care, adult "
                    "mental health services and probation for 17 to 25 year olds at risk of "
                    "exploitation."
                ),
                "themes": ["think-family"],
                "lead": (
                    "Head of Adolescent & Family Services, LBM / Head of Adult Social Care "
                    "Safeguarding, LBM"
                ),
                "lead_user": None,
                "timeframe": "December 2023",
                "due": date(2023, 12, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 7, 5),
                        "rating": "amber",
                        "narrative": (
                            "Scoping meeting held, but adult services have limited capacity to "
                            "take part."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 10, 11),
                        "rating": "red",
                        "narrative": (
                            "No agreed lead in adult services and the draft protocol not started. "
                            "Escalated to the Executive and the Safeguarding Adults Board."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 1, 17),
                        "rating": "amber",
                        "narrative": (
                            "Joint task and finish group with the Safeguarding Adults Board set "
                            "up in December; draft protocol in progress."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 20),
                        "rating": "amber",
                        "narrative": (
                            "Draft protocol out for consultation; sign-off by both boards now "
                            "expected in autumn 2024. Carried forward into 2024-25 (PPYP 3.2)."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.8",
                "priority": 3,
                "impact": (
                    "Information about children exploited across borough boundaries is shared "
                    "quickly, so they are safeguarded wherever they are found."
                ),
                "action": (
                    "Following the October 2023 rapid review (a Merton child exploited through "
                    "county lines), agree a cross-border information-sharing protocol with "
                    "neighbouring boroughs, and check that a National Referral Mechanism (NRM) "
                    "referral is made for every child identified as a potential victim."
                ),
                "themes": ["learning"],
                "lead": "Detective Inspector, Public Protection, SW BCU",
                "lead_user": None,
                "timeframe": "March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 11, 13),
                "updates": [
                    {
                        "as_at": date(2024, 1, 17),
                        "rating": "green",
                        "narrative": (
                            "Protocol drafted with the other boroughs in the BCU; audit of NRM "
                            "referrals started."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 20),
                        "rating": "blue",
                        "narrative": (
                            "Protocol agreed in February. The NRM audit found referrals for 17 of "
                            "19 children identified as potential victims; the other two were "
                            "followed up and referred."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.9",
                "priority": 3,
                "impact": (
                    "Young people recognise exploitation and know where to get help, because the "
                    "messages are designed with them."
                ),
                "action": (
                    "Co-produce an exploitation awareness campaign with young people (Youth "
                    "Parliament and youth services), including online grooming, and evaluate its "
                    "reach."
                ),
                "themes": ["voice"],
                "lead": "Youth Participation Lead, LBM",
                "lead_user": None,
                "timeframe": "Launch by February 2024",
                "due": date(2024, 2, 29),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 10, 11),
                        "rating": "green",
                        "narrative": "14 young people are designing the campaign.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 20),
                        "rating": "blue",
                        "narrative": (
                            "Campaign launched in February: short films viewed 9,400 times and "
                            "assemblies reached 3,100 pupils. 74% of pupils surveyed afterwards "
                            "could name a trusted adult or service to contact."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.10",
                "priority": 3,
                "impact": (
                    "Children out of school or at risk of exclusion are not left exposed to "
                    "exploitation."
                ),
                "action": (
                    "Share data on suspensions, permanent exclusions and children missing "
                    "education with MACE, and make sure every excluded child at risk of "
                    "exploitation has a safety plan agreed with the school or alternative "
                    "provision."
                ),
                "themes": ["disproportionality"],
                "lead": "Head of Inclusion, LBM",
                "lead_user": None,
                "timeframe": "Quarterly",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 7, 5),
                        "rating": "amber",
                        "narrative": (
                            "Exclusion data is not yet matched against the MACE cohort; the "
                            "Insight team is building the match."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 10, 11),
                        "rating": "green",
                        "narrative": "Data matching in place from September.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 20),
                        "rating": "blue",
                        "narrative": (
                            "All 9 excluded children in the MACE cohort had a safety plan within "
                            "five school days. The alternative provision safeguarding audit found "
                            "no significant concerns."
                        ),
                        "author": "bsu",
                    },
                ],
            },
        ],
    },
    # ESS workplan 2023-24 ----------------------------------------------------------------------
    {
        "subgroup": "ESS",
        "year": "2023-24",
        "actions": [
            {
                "reference": "ESS 4.1",
                "priority": 4,
                "impact": (
                    "Schools know before the start of the next school day when a pupil has been "
                    "affected by a domestic abuse incident, and support the child."
                ),
                "action": (
                    "Monitor Operation Encompass notifications so that they reach schools before "
                    "the next school day, and extend notifications to early years settings."
                ),
                "themes": ["voice", "think-family"],
                "lead": (
                    "Detective Inspector, Public Protection, SW BCU / Education Safeguarding "
                    "Lead, LBM"
                ),
                "lead_user": None,
                "timeframe": "Early years extension by January 2024",
                "due": date(2024, 1, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 22),
                        "rating": "green",
                        "narrative": (
                            "Notifications reached schools before the next school day after 94% "
                            "of incidents in Q1."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 28),
                        "rating": "amber",
                        "narrative": (
                            "Early years extension delayed because settings' secure email "
                            "addresses are incomplete; the Early Years team is collecting them."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 14),
                        "rating": "green",
                        "narrative": "Secure contacts in place for 87 of 92 settings.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 14),
                        "rating": "blue",
                        "narrative": (
                            "Early years settings have received notifications since January (48 "
                            "in Q4), and timeliness was 97% in Q4. Schools and settings report "
                            "using notifications to arrange a key adult check-in with the child."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 4.2",
                "priority": 4,
                "impact": (
                    "Children in high-risk domestic abuse households are visible at MARAC, and "
                    "safety plans address their needs."
                ),
                "action": (
                    "Make sure children's social care and health attend every MARAC, and that "
                    "every MARAC case involving children has a child-focused action."
                ),
                "themes": ["think-family"],
                "lead": "Domestic Abuse Strategic Lead, LBM",
                "lead_user": None,
                "timeframe": "Quarterly",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 22),
                        "rating": "green",
                        "narrative": (
                            "Children's social care attended every MARAC in Q1; health attendance "
                            "83%."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 14),
                        "rating": "green",
                        "narrative": (
                            "Dip sample: a child-focused action in 41 of 50 cases involving "
                            "children."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 14),
                        "rating": "blue",
                        "narrative": (
                            "Children's social care and health attendance at 100% in Q4, and "
                            "child-focused actions in 47 of 50 sampled cases. Repeat referrals at "
                            "29%, within the SafeLives recommended range."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 4.3",
                "priority": 4,
                "impact": (
                    "Children affected by domestic abuse are recognised as victims in their own "
                    "right and receive support."
                ),
                "action": (
                    "Deliver training on the Domestic Abuse Act 2021 and children as victims, and "
                    "map the support available to children affected by domestic abuse against the "
                    "Merton Domestic Abuse Strategy."
                ),
                "themes": ["voice", "learning"],
                "lead": "Domestic Abuse Strategic Lead, LBM",
                "lead_user": None,
                "timeframe": "December 2023",
                "due": date(2023, 12, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 22),
                        "rating": "green",
                        "narrative": (
                            "Training commissioned from the specialist domestic abuse service."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 28),
                        "rating": "green",
                        "narrative": "Four sessions delivered to 118 practitioners.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 14),
                        "rating": "blue",
                        "narrative": (
                            "Mapping complete: a gap in support for under-5s has been written "
                            "into the domestic abuse recommissioning specification. 87% of "
                            "trained practitioners feel more confident asking children about "
                            "home."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 4.4",
                "priority": 4,
                "impact": (
                    "Fathers and male carers who use abuse are offered a programme that helps "
                    "them change, reducing the risk to their children."
                ),
                "action": (
                    "Maintain access to a community-based perpetrator intervention programme for "
                    "fathers (such as Caring Dads), and monitor waiting times and outcomes."
                ),
                "themes": ["think-family"],
                "lead": "Domestic Abuse Strategic Lead, LBM / Head of Family Support, LBM",
                "lead_user": None,
                "timeframe": "Quarterly",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 22),
                        "rating": "amber",
                        "narrative": (
                            "23 fathers waiting, with an average wait of 14 weeks. The provider "
                            "is recruiting a second facilitator."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 28),
                        "rating": "amber",
                        "narrative": "Waiting list at 26; second facilitator starts in October.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 14),
                        "rating": "red",
                        "narrative": (
                            "The provider gave notice in November that it will withdraw in "
                            "January 2024 because of funding. Interim one-to-one work offered to "
                            "the highest-risk fathers; recommissioning options go to the "
                            "Executive in January."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 14),
                        "rating": "red",
                        "narrative": (
                            "No programme available since January and 19 fathers waiting. The "
                            "Executive agreed joint funding in February; procurement should "
                            "complete by summer 2024. Carried forward into 2024-25 (ESS 4.1)."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 4.5",
                "priority": 4,
                "impact": (
                    "Domestic abuse in pregnancy and early parenthood is identified and acted on."
                ),
                "action": (
                    "Seek assurance that routine enquiry about domestic abuse is made at "
                    "maternity booking and at health visiting contacts, with an audit of "
                    "recording and onward referral."
                ),
                "themes": ["think-family"],
                "lead": "Designated Nurse Safeguarding Children, SWL ICB",
                "lead_user": None,
                "timeframe": "Audit by December 2023",
                "due": date(2023, 12, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 22),
                        "rating": "green",
                        "narrative": "Audit planned across maternity and health visiting.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 14),
                        "rating": "blue",
                        "narrative": (
                            "Routine enquiry recorded at 91% of maternity bookings and 84% of new "
                            "birth visits; all 12 disclosures were referred on appropriately (6 "
                            "to MARAC). A reminder has been added to the health visiting record "
                            "template."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 4.6",
                "priority": 4,
                "impact": (
                    "The support offered to children affected by domestic abuse is shaped by what "
                    "they say helps."
                ),
                "action": (
                    "Gather feedback from children and young people using the children's domestic "
                    "abuse service, and report what changes as a result."
                ),
                "themes": ["voice"],
                "lead": "Domestic Abuse Strategic Lead, LBM",
                "lead_user": None,
                "timeframe": "March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 9, 28),
                        "rating": "green",
                        "narrative": "Feedback tools adapted for children under 11.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 14),
                        "rating": "blue",
                        "narrative": (
                            "Feedback from 36 children, 31 of whom said they felt safer. Children "
                            "asked for group sessions with others 'like them'; two peer groups "
                            "started in February."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 5.1",
                "priority": 5,
                "impact": (
                    "Neglect is recognised early and assessed consistently with shared tools, so "
                    "children get help before harm becomes entrenched."
                ),
                "action": (
                    "Roll out the Neglect toolkit and Graded Care Profile 2 (GCP2) across the "
                    "partnership, with trained GCP2 practitioners in every agency and use "
                    "monitored in neglect cases."
                ),
                "themes": ["think-family"],
                "lead": "Head of Child Protection & Quality Assurance, LBM",
                "lead_user": None,
                "timeframe": "March 2024",
                "due": date(2024, 3, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 22),
                        "rating": "green",
                        "narrative": "GCP2 training licence renewed and six courses scheduled.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 28),
                        "rating": "green",
                        "narrative": "124 practitioners trained so far.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 14),
                        "rating": "green",
                        "narrative": (
                            "The QAPR neglect audit found GCP2 used in 6 of 10 cases; GCP2 "
                            "prompts added to child protection conference reports."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 14),
                        "rating": "blue",
                        "narrative": (
                            "312 practitioners from 14 agencies now GCP2-trained. GCP2 completed "
                            "for 68% of child protection plans for neglect in Q4, up from 35% at "
                            "baseline."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 5.2",
                "priority": 5,
                "impact": (
                    "The partnership has a shared neglect strategy that reflects current "
                    "pressures on families and what children and parents tell us."
                ),
                "action": (
                    "Refresh the MSCP Neglect Strategy 2023-25, using audit findings and "
                    "consultation with parents and young people."
                ),
                "themes": ["voice", "pressures"],
                "lead": "ESS Chair",
                "lead_user": None,
                "timeframe": "December 2023",
                "due": date(2023, 12, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 22),
                        "rating": "amber",
                        "narrative": (
                            "Consultation with parents delayed for lack of a facilitator; the "
                            "Early Help parent forum has offered to host it."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 28),
                        "rating": "green",
                        "narrative": (
                            "Parent forum consultation held with 17 parents; draft strategy in "
                            "progress."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 14),
                        "rating": "green",
                        "narrative": (
                            "Draft strategy endorsed by ESS and submitted to the Executive."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 14),
                        "rating": "blue",
                        "narrative": (
                            "Strategy approved by the Executive in January and launched at the "
                            "full partnership forum, with a 7-minute briefing. Its outcome "
                            "measures are now on the neglect dashboard."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 5.3",
                "priority": 5,
                "impact": (
                    "Practitioners tell poverty apart from neglect, so families in hardship get "
                    "practical support and children at risk of neglect are still protected."
                ),
                "action": (
                    "Issue practice guidance on neglect in the context of the cost-of-living "
                    "crisis and cover it in Neglect toolkit training."
                ),
                "themes": ["pressures", "disproportionality"],
                "lead": "ESS Chair / Head of Early Help, LBM",
                "lead_user": None,
                "timeframe": "October 2023",
                "due": date(2023, 10, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 22),
                        "rating": "green",
                        "narrative": (
                            "Guidance drafted, drawing on the cost-of-living one-page guide (PEI "
                            "1.4)."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 9, 28),
                        "rating": "green",
                        "narrative": (
                            "Guidance published in September and included in GCP2 and Neglect "
                            "toolkit training."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 14),
                        "rating": "blue",
                        "narrative": (
                            "81% of practitioners surveyed after training said the guidance "
                            "helped them discuss money with families without stigma; practical "
                            "support was recorded in 9 of 10 neglect cases audited in Q4."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 5.4",
                "priority": 5,
                "impact": (
                    "Missed health appointments are treated as a possible sign of neglect and "
                    "followed up."
                ),
                "action": (
                    "Adopt a partnership 'Was Not Brought' policy for children's health "
                    "appointments, including dental appointments, and monitor how children not "
                    "brought are followed up."
                ),
                "themes": ["think-family"],
                "lead": "Designated Doctor Safeguarding Children, SWL ICB",
                "lead_user": None,
                "timeframe": "Policy by December 2023",
                "due": date(2023, 12, 31),
                "added_on": date(2023, 4, 1),
                "updates": [
                    {
                        "as_at": date(2023, 6, 22),
                        "rating": "green",
                        "narrative": (
                            "Draft policy shared with GP practices and the community dental "
                            "service."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2023, 12, 14),
                        "rating": "amber",
                        "narrative": (
                            "Policy agreed, but the community dental service cannot yet report on "
                            "follow-up of missed appointments. The Designated Doctor is meeting "
                            "the provider in January."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 3, 14),
                        "rating": "green",
                        "narrative": (
                            "Dental reporting live from March; the first quarterly report is due "
                            "in June 2024. Monitoring continues in 2024-25 (ESS 5.4)."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 5.5",
                "priority": 5,
                "impact": (
                    "Practitioners recognise chronic neglect and cumulative harm, and 'start "
                    "again' practice does not delay action."
                ),
                "action": (
                    "Following the emerging findings of the local child safeguarding practice "
                    "review into chronic neglect, produce chronic neglect guidance and a "
                    "multi-agency chronology standard."
                ),
                "themes": ["learning"],
                "lead": "ESS Chair / MSCP Business Manager",
                "lead_user": None,
                "timeframe": "Guidance by June 2024",
                "due": date(2024, 6, 30),
                "added_on": date(2024, 1, 15),
                "updates": [
                    {
                        "as_at": date(2024, 3, 14),
                        "rating": "amber",
                        "narrative": (
                            "The review report is not yet final because agency chronologies were "
                            "late; guidance has been drafted from the emerging findings. Final "
                            "review expected in May 2024. Carried forward into 2024-25 (ESS 5.2)."
                        ),
                        "author": "bsu",
                    },
                ],
            },
        ],
    },
    # PEI workplan 2024-25 ----------------------------------------------------------------------
    {
        "subgroup": "PEI",
        "year": "2024-25",
        "actions": [
            {
                "reference": "PEI 1.1",
                "priority": 1,
                "impact": (
                    "A refreshed partnership Early Help strategy for 2025-28, shaped by families, "
                    "is ready to launch when the current strategy ends."
                ),
                "action": (
                    "Evaluate the 2022-25 Early Help strategy and co-produce the 2025-28 strategy "
                    "with partners, parents and young people."
                ),
                "themes": ["voice", "think-family"],
                "lead": "Head of Early Help, LBM",
                "lead_user": "pei-lead",
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 12),
                        "rating": "green",
                        "narrative": (
                            "Evaluation framework agreed and an independent evaluation of the "
                            "2022-25 strategy commissioned."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2024, 9, 11),
                        "rating": "green",
                        "narrative": (
                            "Evaluation fieldwork complete; draft findings to PEI in December."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2024, 12, 11),
                        "rating": "amber",
                        "narrative": (
                            "Family consultation put back six weeks while national Families First "
                            "guidance is awaited; it now runs in January and February 2025. "
                            "Launch date still achievable."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2025, 3, 5),
                        "rating": "green",
                        "narrative": (
                            "Consultation completed with 64 parents and 41 young people. Draft "
                            "strategy goes to the Executive on 27 March, with launch planned for "
                            "May 2025."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
            {
                "reference": "PEI 1.2",
                "priority": 1,
                "impact": (
                    "Early help reaches the communities that most need it, and no group of "
                    "children is under-served."
                ),
                "action": (
                    "Carried forward from 2023-24 (PEI 1.6): co-produce and deliver a targeted "
                    "outreach plan with community organisations for under-represented groups, "
                    "particularly Black Caribbean and Gypsy, Roma and Traveller families."
                ),
                "themes": ["disproportionality"],
                "lead": "Head of Early Help, LBM",
                "lead_user": "pei-lead",
                "timeframe": "December 2024",
                "due": date(2024, 12, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 12),
                        "rating": "amber",
                        "narrative": (
                            "Outreach plan co-produced with four community organisations and "
                            "agreed in May; delivery starts in July."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2024, 9, 11),
                        "rating": "amber",
                        "narrative": (
                            "Two community drop-ins running. Ethnicity is still not recorded for "
                            "11% of Early Help episodes; team managers are checking recording "
                            "monthly."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2025, 1, 22),
                        "rating": "green",
                        "narrative": (
                            "Early Help referrals for Black Caribbean families up from 31 to 52 "
                            "on the same period last year, and a Gypsy, Roma and Traveller "
                            "liaison worker in post since January. The outreach evaluation is due "
                            "in June 2025, so the action runs beyond its December date."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
            {
                "reference": "PEI 1.3",
                "priority": 1,
                "impact": (
                    "Merton is ready to deliver family help and multi-agency child protection "
                    "arrangements as the national children's social care reforms require."
                ),
                "action": (
                    "Plan Merton's response to the Families First Partnership programme and the "
                    "Children's Wellbeing and Schools Bill (family help, multi-agency child "
                    "protection teams and family group decision-making), with each partner's role "
                    "agreed."
                ),
                "themes": ["learning", "think-family"],
                "lead": "Head of Early Help, LBM / Head of MASH & First Response, LBM",
                "lead_user": "pei-lead",
                "timeframe": "Implementation plan by September 2025",
                "due": date(2025, 9, 30),
                "added_on": date(2025, 1, 13),
                "updates": [],
            },
            {
                "reference": "PEI 1.4",
                "priority": 1,
                "impact": (
                    "Partners' contacts to the front door are well informed, with consent where "
                    "appropriate, so decisions are quicker and more families are directed to "
                    "early help."
                ),
                "action": (
                    "Improve the quality of partner contacts to the MASH through a "
                    "contact-quality feedback loop and joint MASH and Early Help screening."
                ),
                "themes": ["think-family"],
                "lead": "Head of MASH & First Response, LBM / Head of Early Help, LBM",
                "lead_user": "pei-lead",
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 12),
                        "rating": "green",
                        "narrative": "Joint screening pilot started in May.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 9, 11),
                        "rating": "green",
                        "narrative": (
                            "Feedback on contact quality now sent to referring agencies each "
                            "week."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2025, 3, 5),
                        "rating": "blue",
                        "narrative": (
                            "Contacts ending in no further action fell from 38% to 27%, and 22% "
                            "of contacts are now directed to Early Help at screening (14% last "
                            "year). Feedback sent to referrers on 410 contacts."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
            {
                "reference": "PEI 1.5",
                "priority": 1,
                "impact": (
                    "Schools, health and voluntary sector practitioners are confident to lead "
                    "early help for families they know."
                ),
                "action": (
                    "Deliver Early Help Assessment and lead professional training to 150 partner "
                    "practitioners, with follow-up coaching."
                ),
                "themes": ["think-family"],
                "lead": "Head of Early Help, LBM",
                "lead_user": "pei-lead",
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 12),
                        "rating": "amber",
                        "narrative": (
                            "Only 22 practitioners booked for the summer sessions because dates "
                            "clash with the end of term. Sessions moved to September INSET days "
                            "and twilight slots."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2024, 9, 11),
                        "rating": "green",
                        "narrative": "78 practitioners trained by the end of September.",
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2025, 3, 5),
                        "rating": "blue",
                        "narrative": (
                            "163 practitioners trained against a target of 150. Partner-initiated "
                            "EHAs at 36% in Q3 (31% in 2023-24)."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
            {
                "reference": "PEI 1.6",
                "priority": 1,
                "impact": (
                    "Families facing financial hardship get practical help quickly through "
                    "children's centres and partners."
                ),
                "action": (
                    "Keep the cost-of-living guide current, and make sure children's centres, "
                    "schools and health practitioners refer families to the Household Support "
                    "Fund and the holiday activities and food (HAF) programme."
                ),
                "themes": ["pressures"],
                "lead": "Head of Early Help, LBM",
                "lead_user": "pei-lead",
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 12),
                        "rating": "green",
                        "narrative": "Guide updated for the 2024-25 Household Support Fund.",
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2024, 9, 11),
                        "rating": "green",
                        "narrative": (
                            "The summer HAF programme reached 2,140 children eligible for free "
                            "school meals."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
            {
                "reference": "PEI 1.7",
                "priority": 1,
                "impact": (
                    "Fathers and male carers are seen, engaged and assessed by services working "
                    "with babies and young children."
                ),
                "action": (
                    "Act on the national Panel review 'The Myth of Invisible Men' and the October "
                    "2023 rapid review: record fathers and male carers at every contact, and give "
                    "ICON messages to fathers directly."
                ),
                "themes": ["think-family", "learning"],
                "lead": (
                    "Designated Nurse Safeguarding Children, SWL ICB / Head of Early Help, LBM"
                ),
                "lead_user": "pei-lead",
                "timeframe": "January 2025",
                "due": date(2025, 1, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 12),
                        "rating": "green",
                        "narrative": (
                            "QAPR's ICON audit findings (ICON recorded at only 9 of 30 GP 8-week "
                            "checks) accepted; GP template change requested."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 9, 11),
                        "rating": "amber",
                        "narrative": (
                            "GP template change delayed by the system supplier. Children's "
                            "centres are now running monthly sessions for dads."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2025, 2, 19),
                        "rating": "green",
                        "narrative": (
                            "GP template live since February. A dip sample of 20 health visiting "
                            "records found fathers recorded in 16 (9 in 2023). The action will "
                            "close after the June 2025 re-audit."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
            {
                "reference": "PEI 2.1",
                "priority": 2,
                "impact": (
                    "Children and young people who need specialist mental health support receive "
                    "it without unsafe delay, and are supported while they wait."
                ),
                "action": (
                    "Continue oversight of Merton CAMHS waiting times through the CAMHS Board, "
                    "and hold the provider to the agreed recovery trajectory, with every waiting "
                    "child risk-reviewed."
                ),
                "themes": ["voice"],
                "lead": "Head of Children's Commissioning, SWL ICB (Merton)",
                "lead_user": None,
                "timeframe": "Quarterly",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 12),
                        "rating": "red",
                        "narrative": (
                            "Over-18-week waits rose to 57 after a 21% rise in referrals, and the "
                            "recovery trajectory has not been met. Escalated to the CAMHS Board; "
                            "the ICB is funding extra sessions from a partner provider."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 9, 11),
                        "rating": "red",
                        "narrative": (
                            "Over-18-week waits at 61. The extra sessions start in October."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 12, 11),
                        "rating": "amber",
                        "narrative": (
                            "Over-18-week waits down to 44; every waiting child has a risk review "
                            "and a named contact."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 3, 5),
                        "rating": "amber",
                        "narrative": (
                            "Over-18-week waits down to 29, ahead of the trajectory. Amber until "
                            "the reduction has been sustained for two quarters."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PEI 2.2",
                "priority": 2,
                "impact": (
                    "Children waiting for a neurodevelopmental (autism or ADHD) assessment, and "
                    "their families, get support while they wait."
                ),
                "action": (
                    "Following the Young Scrutineer's findings, introduce a 'support while "
                    "waiting' offer for children awaiting neurodevelopmental assessment: a named "
                    "contact, parent workshops and guidance for schools."
                ),
                "themes": ["voice", "think-family"],
                "lead": "Head of Children's Commissioning, SWL ICB (Merton) / SENCO network lead",
                "lead_user": None,
                "timeframe": "December 2024",
                "due": date(2024, 12, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 12),
                        "rating": "amber",
                        "narrative": (
                            "Over 1,100 children are waiting for assessment across the ICB area. "
                            "The support offer is being designed with the parent carer forum."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 9, 11),
                        "rating": "amber",
                        "narrative": (
                            "Parent workshops piloted, but the named contact role is unfunded. A "
                            "business case has gone to the ICB."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PEI 2.3",
                "priority": 2,
                "impact": (
                    "Pupils in more Merton schools get early mental health support in school."
                ),
                "action": (
                    "Extend MHST coverage with a fourth team, and evaluate the effect on "
                    "referrals to CAMHS."
                ),
                "themes": ["voice"],
                "lead": (
                    "Head of Children's Commissioning, SWL ICB (Merton) / Head of School "
                    "Improvement, LBM"
                ),
                "lead_user": None,
                "timeframe": "January 2025",
                "due": date(2025, 1, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 9, 11),
                        "rating": "green",
                        "narrative": "Fourth team in training; it goes live in January.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 1, 29),
                        "rating": "blue",
                        "narrative": (
                            "Fourth MHST live from January, covering 11 more schools (46 schools, "
                            "about 75% of pupils). Schools with an MHST made 18% fewer "
                            "inappropriate CAMHS referrals in 2024."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PEI 2.4",
                "priority": 2,
                "impact": (
                    "Children of parents with mental ill health are identified and supported "
                    "early."
                ),
                "action": (
                    "Re-audit Think Family practice in adult mental health services, and agree a "
                    "joint protocol for children whose parents are in mental health crisis."
                ),
                "themes": ["think-family"],
                "lead": (
                    "Associate Director of Safeguarding, South West London and St George's Mental "
                    "Health NHS Trust"
                ),
                "lead_user": None,
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 9, 11),
                        "rating": None,
                        "narrative": (
                            "The lead has changed at the Trust and the new lead is confirming the "
                            "baseline and audit dates. Not yet rated until the baseline is known."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PEI 2.5",
                "priority": 2,
                "impact": (
                    "Young people's views on mental health and early help services are heard "
                    "directly by the sub-group and change what is offered."
                ),
                "action": (
                    "Run a young people's wellbeing survey with schools and the Youth Parliament, "
                    "and invite the Young Scrutineer to present the findings to PEI twice a year."
                ),
                "themes": ["voice"],
                "lead": "Head of Early Help, LBM / Young Scrutineer",
                "lead_user": "pei-lead",
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 12),
                        "rating": "green",
                        "narrative": "Survey questions co-designed with the Youth Parliament.",
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2024, 12, 11),
                        "rating": "green",
                        "narrative": (
                            "2,480 young people completed the survey; the Young Scrutineer "
                            "presented the first findings to PEI in November."
                        ),
                        "author": "pei-lead",
                    },
                    {
                        "as_at": date(2025, 3, 5),
                        "rating": "blue",
                        "narrative": (
                            "Findings shared with every school. In response PEI agreed a "
                            "wellbeing drop-in pilot in three youth centres from April 2025, and "
                            "schools now give information on support while waiting for CAMHS. "
                            "Second Young Scrutineer presentation held in February."
                        ),
                        "author": "pei-lead",
                    },
                ],
            },
        ],
    },
    # PPYP workplan 2024-25 ---------------------------------------------------------------------
    {
        "subgroup": "PPYP",
        "year": "2024-25",
        "actions": [
            {
                "reference": "PPYP 3.1",
                "priority": 3,
                "impact": (
                    "Children at risk of exploitation are identified early and have a coordinated "
                    "plan that reduces the risk."
                ),
                "action": (
                    "Refresh the MACE terms of reference to include adultification and "
                    "transitional safeguarding, and add a six-monthly outcomes review for every "
                    "child discussed."
                ),
                "themes": ["disproportionality", "learning"],
                "lead": (
                    "Head of Adolescent & Family Services, LBM / Detective Inspector, Public "
                    "Protection, SW BCU"
                ),
                "lead_user": None,
                "timeframe": "Terms of reference by September 2024; outcomes reviewed quarterly",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 7, 3),
                        "rating": "green",
                        "narrative": "Draft terms of reference circulated to MACE members.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 10, 9),
                        "rating": "green",
                        "narrative": "Terms of reference agreed in September.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 1, 15),
                        "rating": "green",
                        "narrative": "Outcomes review complete for the Q1 and Q2 cohort.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 3, 19),
                        "rating": "blue",
                        "narrative": (
                            "Six-monthly reviews show risk reduced for 44 of 63 children (70%, up "
                            "from 64% in 2023-24), and missing episodes in the MACE cohort down "
                            "23%."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.2",
                "priority": 3,
                "impact": (
                    "Young people at risk of exploitation or harm continue to be protected as "
                    "they turn 18."
                ),
                "action": (
                    "Carried forward from 2023-24 (PPYP 3.7): finalise and implement the "
                    "transitional safeguarding protocol with the Safeguarding Adults Board."
                ),
                "themes": ["think-family"],
                "lead": (
                    "Head of Adolescent & Family Services, LBM / Head of Adult Social Care "
                    "Safeguarding, LBM"
                ),
                "lead_user": None,
                "timeframe": "December 2024",
                "due": date(2024, 12, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 7, 3),
                        "rating": "amber",
                        "narrative": (
                            "Consultation closed with 23 responses. Adult social care has asked "
                            "for a costed model before sign-off."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 10, 9),
                        "rating": "amber",
                        "narrative": (
                            "The joint boards meeting has been postponed to January; the costed "
                            "model is drafted."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 1, 15),
                        "rating": "amber",
                        "narrative": (
                            "Both boards endorsed the protocol in principle in January. "
                            "Implementation waits on agreement about who chairs transition "
                            "panels; revised date June 2025."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.3",
                "priority": 3,
                "impact": (
                    "Black children and other groups at risk of adultification are seen and "
                    "treated as children by every agency."
                ),
                "action": (
                    "Deliver adultification training to police officers and school staff, and "
                    "test its impact through the Young Scrutineer's follow-up scrutiny."
                ),
                "themes": ["disproportionality", "voice"],
                "lead": "PPYP Chair / Young Scrutineer",
                "lead_user": None,
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 7, 3),
                        "rating": "amber",
                        "narrative": (
                            "Police training slots not yet agreed with the BCU training unit; the "
                            "PPYP Chair is raising it with the BCU commander."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 10, 9),
                        "rating": "green",
                        "narrative": (
                            "The BCU will include adultification in response officers' "
                            "safeguarding day from November."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 3, 19),
                        "rating": "green",
                        "narrative": (
                            "212 officers and 96 school staff trained. The Young Scrutineer's "
                            "follow-up scrutiny is under way, reporting in May 2025."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.4",
                "priority": 3,
                "impact": (
                    "Children who go missing are found, heard and protected, and repeat missing "
                    "episodes reduce."
                ),
                "action": (
                    "Reach 70% of return home interviews completed within 72 hours, and share RHI "
                    "themes with schools."
                ),
                "themes": ["voice"],
                "lead": "Head of Adolescent & Family Services, LBM",
                "lead_user": None,
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 7, 3),
                        "rating": "green",
                        "narrative": "RHIs completed within 72 hours in 71% of episodes in Q1.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 10, 9),
                        "rating": "green",
                        "narrative": (
                            "72% in Q2; a template for sharing RHI summaries with schools agreed."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.5",
                "priority": 3,
                "impact": "Fewer young people are harmed by, or involved in, serious violence.",
                "action": (
                    "Deliver PPYP's actions in the Serious Violence Strategy delivery plan, "
                    "including the joint MACE and serious violence referral route and detached "
                    "youth work in the identified locations."
                ),
                "themes": ["disproportionality"],
                "lead": "Head of Community Safety (Safer Merton), LBM",
                "lead_user": None,
                "timeframe": "January 2025",
                "due": date(2025, 1, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 7, 3),
                        "rating": "green",
                        "narrative": "Detached youth work running in both town-centre locations.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 1, 15),
                        "rating": "blue",
                        "narrative": (
                            "Knife-enabled robbery involving under-18s down 18% year on year. "
                            "Detached youth work engaged 146 young people, 38 of whom were "
                            "referred into mentoring."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.6",
                "priority": 3,
                "impact": (
                    "Young people, parents and professionals recognise financially motivated "
                    "sexual extortion and know how to respond."
                ),
                "action": (
                    "Following the National Crime Agency alert of April 2024, brief schools, "
                    "youth services and parents on financially motivated sexual extortion and the "
                    "Report Remove tool."
                ),
                "themes": ["voice", "learning"],
                "lead": (
                    "Education Safeguarding Lead, LBM / Detective Inspector, Public Protection, "
                    "SW BCU"
                ),
                "lead_user": None,
                "timeframe": "December 2024",
                "due": date(2024, 12, 31),
                "added_on": date(2024, 5, 20),
                "updates": [
                    {
                        "as_at": date(2024, 7, 3),
                        "rating": "green",
                        "narrative": (
                            "Briefing sent to every designated safeguarding lead in June."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 10, 9),
                        "rating": "green",
                        "narrative": "Parent webinar held in September.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 1, 15),
                        "rating": "blue",
                        "narrative": (
                            "Briefings reached every school and the parent webinar has been "
                            "viewed 540 times. Designated safeguarding leads report 9 disclosures "
                            "handled using the guidance, all referred to police within 24 hours."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.7",
                "priority": 3,
                "impact": (
                    "Schools, youth services and police act together when a young person is known "
                    "to carry a weapon, reducing the risk to them and to others."
                ),
                "action": (
                    "Following the September 2024 rapid review (a serious stabbing of a "
                    "15-year-old), agree a weapons-in-schools protocol covering searching, "
                    "information sharing with police and safety planning."
                ),
                "themes": ["learning"],
                "lead": "Education Safeguarding Lead, LBM / Safer Schools Officer lead, SW BCU",
                "lead_user": None,
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 10, 14),
                "updates": [
                    {
                        "as_at": date(2025, 1, 15),
                        "rating": "amber",
                        "narrative": (
                            "Draft protocol prepared, but headteachers have concerns about the "
                            "searching guidance; a second consultation with secondary heads is "
                            "set for February."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 3, 19),
                        "rating": "green",
                        "narrative": (
                            "Protocol agreed by secondary headteachers in March; launch with "
                            "designated safeguarding lead training in April 2025."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.8",
                "priority": 3,
                "impact": (
                    "Children searched by police are treated with dignity, with an appropriate "
                    "adult present, and any disproportionality is understood and challenged."
                ),
                "action": (
                    "Carried forward from 2023-24 (PPYP 3.6): review quarterly data on more "
                    "thorough and intimate searches of Merton children, including ethnicity and "
                    "the presence of an appropriate adult, and report assurance to the Executive."
                ),
                "themes": ["disproportionality", "voice"],
                "lead": "Detective Superintendent, Public Protection, SW BCU",
                "lead_user": None,
                "timeframe": "Assurance report to the Executive by December 2024",
                "due": date(2024, 12, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 7, 3),
                        "rating": "red",
                        "narrative": (
                            "Q1 data not supplied because BCU data is not broken down by borough. "
                            "Escalated to the Executive, which has asked the BCU commander to "
                            "resolve it."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 10, 9),
                        "rating": "amber",
                        "narrative": (
                            "Q1 and Q2 data now supplied for Merton: an appropriate adult was "
                            "recorded at 9 of 11 searches. Assurance report drafted."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.9",
                "priority": 3,
                "impact": (
                    "Schools respond consistently to harmful sexual behaviour, and pupils feel "
                    "safer."
                ),
                "action": (
                    "Audit schools' use of the HSB toolkit, and run a second round of training "
                    "for designated safeguarding leads on online HSB."
                ),
                "themes": ["voice"],
                "lead": "Education Safeguarding Lead, LBM",
                "lead_user": None,
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 10, 9),
                        "rating": "green",
                        "narrative": "Audit sample of 15 schools agreed.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 3, 19),
                        "rating": "blue",
                        "narrative": (
                            "The toolkit was in use in 13 of 15 schools audited, with a risk "
                            "assessment for every HSB incident sampled. 61 designated "
                            "safeguarding leads attended the online HSB training."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "PPYP 3.10",
                "priority": 3,
                "impact": (
                    "Young people hear about exploitation from other young people, in the places "
                    "and formats they use."
                ),
                "action": (
                    "Train a group of young peer educators to deliver exploitation and online "
                    "safety sessions in youth centres and schools from summer 2025."
                ),
                "themes": ["voice"],
                "lead": "Youth Participation Lead, LBM",
                "lead_user": None,
                "timeframe": "First sessions by July 2025",
                "due": date(2025, 7, 31),
                "added_on": date(2025, 2, 3),
                "updates": [],
            },
            {
                "reference": "PPYP 3.11",
                "priority": 3,
                "impact": (
                    "Businesses where children may be exploited (hotels, takeaways, taxi firms, "
                    "shops) spot the signs and report them."
                ),
                "action": (
                    "Deliver Operation Makesafe awareness to licensed premises, hotels and taxi "
                    "operators with the council's licensing team and the police."
                ),
                "themes": [],
                "lead": "Head of Community Safety (Safer Merton), LBM / Licensing Manager, LBM",
                "lead_user": None,
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 7, 3),
                        "rating": "amber",
                        "narrative": (
                            "Licensing team capacity is limited over the summer; visits will "
                            "start in September."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 10, 9),
                        "rating": "green",
                        "narrative": "38 premises visited.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 1, 15),
                        "rating": "green",
                        "narrative": (
                            "74 premises visited, and two reports made to police through the "
                            "hotel reporting line."
                        ),
                        "author": "bsu",
                    },
                ],
            },
        ],
    },
    # ESS workplan 2024-25 ----------------------------------------------------------------------
    {
        "subgroup": "ESS",
        "year": "2024-25",
        "actions": [
            {
                "reference": "ESS 4.1",
                "priority": 4,
                "impact": (
                    "Fathers and male carers who use abuse are offered a programme that helps "
                    "them change, reducing the risk to their children."
                ),
                "action": (
                    "Carried forward from 2023-24 (ESS 4.4): recommission a perpetrator "
                    "intervention programme for fathers, with an interim offer for the "
                    "highest-risk cases."
                ),
                "themes": ["think-family"],
                "lead": "Domestic Abuse Strategic Lead, LBM / Head of Family Support, LBM",
                "lead_user": None,
                "timeframe": "Programme in place by September 2024",
                "due": date(2024, 9, 30),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 20),
                        "rating": "red",
                        "narrative": (
                            "Procurement delayed: no compliant bids, so a second tender round is "
                            "needed. Interim one-to-one work continues for the 8 highest-risk "
                            "fathers; 24 waiting."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 9, 26),
                        "rating": "amber",
                        "narrative": "Provider appointed in September; mobilisation under way.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 12, 12),
                        "rating": "green",
                        "narrative": "Programme started in November; 16 fathers assessed.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 3, 13),
                        "rating": "blue",
                        "narrative": (
                            "27 fathers started and 19 attending regularly, and the waiting list "
                            "has cleared. Through partner support contact, 12 of 15 partners "
                            "report feeling safer."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 4.2",
                "priority": 4,
                "impact": (
                    "Young people at college know their college will be told, and will support "
                    "them, after a domestic abuse incident at home."
                ),
                "action": (
                    "Extend Operation Encompass notifications to sixth-form and further education "
                    "colleges."
                ),
                "themes": ["voice"],
                "lead": (
                    "Detective Inspector, Public Protection, SW BCU / Education Safeguarding "
                    "Lead, LBM"
                ),
                "lead_user": None,
                "timeframe": "October 2024",
                "due": date(2024, 10, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 20),
                        "rating": "green",
                        "narrative": "Secure contacts collected from both colleges.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 9, 26),
                        "rating": "green",
                        "narrative": "Notifications to colleges live from September.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 12, 12),
                        "rating": "blue",
                        "narrative": (
                            "31 notifications to colleges in the first term; both colleges have a "
                            "key adult check-in in place for every notification."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 4.3",
                "priority": 4,
                "impact": (
                    "MARAC manages the highest-risk cases effectively, with the capacity to give "
                    "children's needs proper attention."
                ),
                "action": (
                    "Review MARAC arrangements (volume, frequency and children's representation) "
                    "against the SafeLives quality standards, and implement the agreed changes."
                ),
                "themes": ["think-family"],
                "lead": "Domestic Abuse Strategic Lead, LBM",
                "lead_user": None,
                "timeframe": "December 2024",
                "due": date(2024, 12, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 20),
                        "rating": "amber",
                        "narrative": (
                            "Case volumes up 18% and meetings overrunning. Self-assessment "
                            "against the quality standards started."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 9, 26),
                        "rating": "red",
                        "narrative": (
                            "Self-assessment complete. A move to fortnightly MARAC is proposed, "
                            "but police and children's social care cannot commit the capacity, so "
                            "the December date will be missed. Escalated to the Executive; an "
                            "options paper goes to the Community Safety Partnership in November."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 4.4",
                "priority": 4,
                "impact": (
                    "Children and young people affected by domestic abuse, including under-5s, "
                    "get specialist support."
                ),
                "action": (
                    "Monitor the children's offer of the recommissioned domestic abuse service, "
                    "including the new under-5s and parent-child support identified in the "
                    "2023-24 mapping."
                ),
                "themes": ["voice", "think-family"],
                "lead": "Domestic Abuse Strategic Lead, LBM",
                "lead_user": None,
                "timeframe": "Quarterly",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 20),
                        "rating": "green",
                        "narrative": (
                            "New service contract started in April with a dedicated worker for "
                            "under-5s."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 9, 26),
                        "rating": "green",
                        "narrative": "41 children supported in Q1 and Q2.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 12, 12),
                        "rating": "green",
                        "narrative": "Parent-child sessions running at two children's centres.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 3, 13),
                        "rating": "green",
                        "narrative": (
                            "88 children supported this year, including 22 under-5s through "
                            "parent-child sessions. Outcome measures are reported from Q1 "
                            "2025-26; the rating will be reviewed then."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 4.5",
                "priority": 4,
                "impact": (
                    "Practitioners recognise non-fatal strangulation as a high-risk indicator and "
                    "act to protect adult victims and their children."
                ),
                "action": (
                    "Following learning from a domestic homicide review shared with the "
                    "partnership in August 2024, raise awareness of non-fatal strangulation and "
                    "suffocation (an offence since June 2022) and add it to risk assessment "
                    "prompts."
                ),
                "themes": ["learning", "think-family"],
                "lead": (
                    "Domestic Abuse Strategic Lead, LBM / Designated Nurse Safeguarding Children, "
                    "SWL ICB"
                ),
                "lead_user": None,
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 9, 16),
                "updates": [
                    {
                        "as_at": date(2024, 12, 12),
                        "rating": "amber",
                        "narrative": (
                            "Briefing drafted, but health providers' risk assessment prompts need "
                            "system changes and no timescale is confirmed yet. The Designated "
                            "Nurse is pursuing it with the trusts."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 3, 13),
                        "rating": "green",
                        "narrative": (
                            "7-minute briefing issued in January and 142 practitioners attended "
                            "two webinars. Prompts added to MASH and emergency department "
                            "templates; the GP template change is due in May 2025."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 4.6",
                "priority": 4,
                "impact": (
                    "Families experiencing child-to-parent abuse get help that recognises both "
                    "the parent's safety and the young person's needs."
                ),
                "action": (
                    "Following a learning review in January 2025, map support for child and "
                    "adolescent to parent violence and abuse, and agree a pathway between Early "
                    "Help, youth justice and domestic abuse services."
                ),
                "themes": ["think-family", "learning"],
                "lead": "Domestic Abuse Strategic Lead, LBM / Head of Youth Justice, LBM",
                "lead_user": None,
                "timeframe": "September 2025",
                "due": date(2025, 9, 30),
                "added_on": date(2025, 2, 10),
                "updates": [],
            },
            {
                "reference": "ESS 5.1",
                "priority": 5,
                "impact": (
                    "Neglect is recognised early and assessed consistently, so children get help "
                    "before harm becomes entrenched."
                ),
                "action": (
                    "Embed GCP2 through refresher training and GCP2 champions in each agency, and "
                    "re-audit its use in neglect cases."
                ),
                "themes": ["think-family"],
                "lead": "Head of Child Protection & Quality Assurance, LBM",
                "lead_user": None,
                "timeframe": "March 2025",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 20),
                        "rating": "green",
                        "narrative": "GCP2 champions named in 11 agencies.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 9, 26),
                        "rating": "green",
                        "narrative": "Re-audit planned for November.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 3, 13),
                        "rating": "blue",
                        "narrative": (
                            "Re-audit of 15 cases: GCP2 completed in 11 and used to set plan "
                            "outcomes in 10. The child's lived experience was well described in "
                            "12 of 15 (6 of 10 in 2023)."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 5.2",
                "priority": 5,
                "impact": (
                    "Practitioners recognise chronic neglect and cumulative harm, and 'start "
                    "again' practice does not delay action."
                ),
                "action": (
                    "Carried forward from 2023-24 (ESS 5.5): publish chronic neglect guidance and "
                    "a multi-agency chronology standard once the local child safeguarding "
                    "practice review is published."
                ),
                "themes": ["learning"],
                "lead": "ESS Chair / MSCP Business Manager",
                "lead_user": None,
                "timeframe": "September 2024",
                "due": date(2024, 9, 30),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 20),
                        "rating": "amber",
                        "narrative": (
                            "Review published in May; guidance revised to reflect its final "
                            "findings and out for consultation."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 9, 26),
                        "rating": "green",
                        "narrative": "Guidance approved by ESS; launch event booked for October.",
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 12, 12),
                        "rating": "blue",
                        "narrative": (
                            "Guidance and chronology standard launched in October (96 attendees). "
                            "A November dip sample of 10 neglect cases found multi-agency "
                            "chronologies in 7, against 2 at the time of the review."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 5.3",
                "priority": 5,
                "impact": (
                    "The partnership can see whether the neglect strategy is improving outcomes "
                    "for children."
                ),
                "action": (
                    "Add neglect outcome measures (repeat child protection plans for neglect, "
                    "GCP2 use, 'was not brought' follow-up) to the partnership dashboard and "
                    "report them to ESS quarterly."
                ),
                "themes": [],
                "lead": "MSCP Business Manager / Performance lead, LBM",
                "lead_user": None,
                "timeframe": "December 2024",
                "due": date(2024, 12, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 20),
                        "rating": "amber",
                        "narrative": (
                            "Measures agreed, but health data on 'was not brought' follow-up is "
                            "not yet available."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 12, 12),
                        "rating": "red",
                        "narrative": (
                            "Health data still unavailable because the community health provider "
                            "is changing its record system, so the dashboard is incomplete. "
                            "Escalated to the ICB Designated Nurse."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2025, 3, 13),
                        "rating": "amber",
                        "narrative": (
                            "Interim manual return agreed with the community health provider. The "
                            "first full neglect dashboard is due at the June 2025 ESS."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 5.4",
                "priority": 5,
                "impact": (
                    "Missed health appointments are treated as a possible sign of neglect and "
                    "followed up."
                ),
                "action": (
                    "Monitor follow-up of children not brought to health and dental appointments "
                    "through quarterly reports from providers."
                ),
                "themes": ["think-family"],
                "lead": "Designated Doctor Safeguarding Children, SWL ICB",
                "lead_user": None,
                "timeframe": "Quarterly",
                "due": date(2025, 3, 31),
                "added_on": date(2024, 4, 1),
                "updates": [
                    {
                        "as_at": date(2024, 6, 20),
                        "rating": "green",
                        "narrative": (
                            "First dental report: 84% of children not brought were followed up by "
                            "the practice."
                        ),
                        "author": "bsu",
                    },
                    {
                        "as_at": date(2024, 9, 26),
                        "rating": "green",
                        "narrative": (
                            "Second report in line with the first; GP follow-up audit planned for "
                            "Q4."
                        ),
                        "author": "bsu",
                    },
                ],
            },
            {
                "reference": "ESS 5.5",
                "priority": 5,
                "impact": (
                    "Children living in temporary accommodation are safe, and the services "
                    "working with them know where they are."
                ),
                "action": (
                    "Agree an information-sharing protocol so that health visitors, schools and "
                    "GPs are told when a family with children is placed in, or moves between, "
                    "temporary accommodation, including placements outside Merton."
                ),
                "themes": ["pressures"],
                "lead": "Head of Housing Needs, LBM",
                "lead_user": None,
                "timeframe": "December 2024",
                "due": date(2024, 12, 31),
                "added_on": date(2024, 4, 1),
                "updates": [],
            },
        ],
    },
]

# The 2023-24 actions the seeds say were carried forward into the 2024-25 workplans, each
# closed at the year end and linked to the action that continues it (which the 2024-25
# workplan describes as "Carried forward from 2023-24 (...)"). The seeds record no action
# closed as not achieved.
CLOSURES = [
    {
        "subgroup": subgroup,
        "year": "2023-24",
        "reference": reference,
        "closure": "carried_forward",
        "closed_on": date(2024, 4, 1),
        "into": into,
        "reason": reason,
    }
    for subgroup, reference, into, reason in [
        ("PEI", "PEI 1.6", "PEI 1.2", "Community partners asked for more time to co-produce the outreach plan."),
        ("PPYP", "PPYP 3.7", "PPYP 3.2", "Sign-off of the transitional safeguarding protocol by both boards moved to autumn 2024."),
        ("ESS", "ESS 4.4", "ESS 4.1", "Perpetrator programme procurement completes in summer 2024."),
        ("ESS", "ESS 5.5", "ESS 5.2", "Neglect guidance awaits the final review in May 2024."),
    ]
]


# -- Reminders -----------------------------------------------------------------------------------
# Addresses for some of the posts the workplans name, so that the reminder pages and a reminder
# round show who would be e-mailed. They are role mailboxes on example domains (RFC 2606): the
# demo never reaches a real inbox. Everyone else in the directory has no address, as most
# partnership directories start.
DIRECTORY_EMAILS = {
    "Head of Early Help, LBM": "early.help@merton.example.org",
    "MSCP Business Manager": "mscp.business.manager@merton.example.org",
    "Domestic Abuse Strategic Lead, LBM": "domestic.abuse@merton.example.org",
    "Education Safeguarding Lead, LBM": "education.safeguarding@merton.example.org",
    "Designated Nurse Safeguarding Children, SWL ICB": "designated.nurse@swlicb.example.org",
    "Detective Inspector, Public Protection, SW BCU": "public.protection@met.example.org",
}

# When the BSU reminds leads: two weeks before an action's due date, when an action goes stale,
# a week before the Executive's papers go out (its figures are counted a week before it meets),
# and a digest on Monday mornings.
REMINDER_SCHEDULE = {
    "enabled": True,
    "days_before_due": 14,
    "stale_reminders": True,
    "days_before_meeting": 7,
    "digest_weekday": 0,
}
