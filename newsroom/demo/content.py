"""The demo outlet's sections, bylines and stories. Every word here is written for the demo."""

SECTIONS = [
    ("World", "world", "Reporting from our correspondents and partners abroad."),
    ("Politics", "politics", "Parliament, parties and the people who vote for them."),
    ("Business", "business", "Companies, markets and the local economy."),
    ("Science", "science", "Research, health and the environment."),
    ("Culture", "culture", "Books, film, music and the arts."),
    ("Sport", "sport", "Results, profiles and the stories behind the scores."),
]

AUTHORS = [
    {
        "name": "Maren Holt",
        "slug": "maren-holt",
        "job_title": "Foreign correspondent",
        "bio": "Maren Holt has reported from East Asia and the Baltic for eleven years. "
        "She writes about trade, diplomacy and the people caught between them.",
        "photo": True,
    },
    {
        "name": "Daniel Okafor",
        "slug": "daniel-okafor",
        "job_title": "Political editor",
        "bio": "Daniel Okafor covers parliament, the council chamber and election night. "
        "Before joining the Ledger he ran a fact-checking desk.",
    },
    {
        "name": "Priya Raman",
        "slug": "priya-raman",
        "job_title": "Business and science reporter",
        "bio": "Priya Raman follows money and research: who pays for what, and whether it works.",
    },
    {
        "name": "Tomás Ferreira",
        "slug": "tomas-ferreira",
        "job_title": "Culture and sport writer",
        "bio": "Tomás Ferreira reviews theatre on weeknights and watches football at weekends.",
    },
]

# Each story: section, headline, dek, dateline place, tags, authors (slugs), lead paragraphs,
# a subheading, the paragraphs under it, and optionally its status, hours since publication,
# related stories (slugs) and whether it was revised. A scheduled story gives its time as
# (days from today, hour, minute) in the newsroom's time zone; a live story's coverage starts
# when it is published; a planned story has a target date (days from today) and no text yet.
STORIES = [
    {
        "section": "world",
        "slug": "pacific-leaders-agree-to-keep-talking-on-tariffs",
        "headline": "Pacific leaders agree to keep talking on tariffs after a tense summit",
        "dek": "No deal was signed, but delegates left with a timetable and fewer threats.",
        "place": "Gyeongju",
        "tags": ["Trade", "Diplomacy", "Asia"],
        "authors": ["maren-holt"],
        "lead": [
            "Leaders of the Pacific trading bloc closed their two-day meeting on Sunday with a "
            "promise to return to the table in the spring, a modest outcome that officials on "
            "every side nonetheless called a relief.",
            "The host government had hoped for a joint statement on tariffs. What emerged instead "
            "was a shorter text committing ministers to monthly meetings and a shared list of "
            "goods where duties could fall first.",
        ],
        "subheading": "A timetable instead of a treaty",
        "more": [
            "Negotiators said the list covers farm machinery, medical supplies and some "
            "electronic parts. None of them would say which country had blocked a wider deal.",
            "Shipping firms welcomed the calmer tone. Freight rates on the busiest routes had "
            "risen for six weeks as importers rushed orders ahead of possible new duties.",
        ],
        "hours": 3,
        "related": ["port-workers-brace-for-a-quieter-winter", "chip-makers-shift-orders"],
        "revised": True,
    },
    {
        "section": "world",
        "slug": "port-workers-brace-for-a-quieter-winter",
        "headline": "Port workers brace for a quieter winter as container traffic slows",
        "dek": "Fewer ships are calling, and the overtime that paid for the holidays is gone.",
        "place": "Busan",
        "tags": ["Trade", "Shipping", "Asia"],
        "authors": ["maren-holt"],
        "lead": [
            "At the container terminals on the edge of the harbour, crane operators are being "
            "offered shorter shifts for the first time in three years.",
            "Terminal managers blame importers who brought orders forward in the summer, leaving "
            "warehouses full and the usual pre-holiday rush thin.",
        ],
        "subheading": "Overtime disappears",
        "more": [
            "For many families the change shows up first in the overtime pay that used to cover "
            "school fees and winter heating.",
            "The dock workers' union says it will ask for a guaranteed minimum of hours when its "
            "contract is renegotiated in March.",
        ],
        "hours": 30,
    },
    {
        "section": "world",
        "slug": "flood-barriers-tested-as-river-rises",
        "headline": "New flood barriers get their first real test as the river rises",
        "dek": "Engineers say the walls held; residents downstream are less sure.",
        "place": "Wrocław",
        "tags": ["Climate", "Europe", "Floods"],
        "authors": ["maren-holt"],
        "lead": [
            "The river crested two metres above its normal level overnight, and the movable "
            "barriers installed along the old town's embankment stayed dry on the inside.",
            "City engineers spent the night walking the line with torches, checking seals that "
            "had only been tested with garden hoses until now.",
        ],
        "subheading": "Downstream, a different story",
        "more": [
            "Villages further along the valley, which are not protected by the new walls, "
            "reported flooded cellars and two closed roads.",
            "Regional officials promised an inquiry into whether the barriers pushed water "
            "towards places that had no defences of their own.",
        ],
        "hours": 52,
    },
    {
        "section": "world",
        "slug": "border-town-market-reopens",
        "headline": "A border town's Saturday market reopens after four years",
        "dek": "Traders from both sides were back at their stalls before sunrise.",
        "place": "Narva",
        "tags": ["Europe", "Trade"],
        "authors": ["maren-holt"],
        "lead": [
            "The bridge was busy by six in the morning as traders carried crates of apples, "
            "honey and knitted socks across to the square where the market used to stand.",
            "Local officials had argued for years about insurance and inspections. In the end "
            "the reopening came with a single handwritten notice on the town hall door.",
        ],
        "subheading": "Old customers, new prices",
        "more": [
            "Shoppers said prices were higher than they remembered but still lower than in the "
            "supermarkets on the ring road.",
            "The market will run every Saturday until the end of the year, when the council will "
            "decide whether to make it permanent.",
        ],
        "hours": 75,
    },
    {
        "section": "world",
        "slug": "aid-convoy-reaches-mountain-villages",
        "headline": "Aid convoy reaches mountain villages cut off by landslides",
        "dek": "Trucks carried blankets, fuel and medicine up a road cleared by hand.",
        "place": "Kathmandu",
        "tags": ["Asia", "Aid"],
        "authors": ["maren-holt", "priya-raman"],
        "lead": [
            "A convoy of twelve trucks reached the upper valley on Thursday, nine days after "
            "landslides buried the only road in and out.",
            "Volunteers from the villages had cleared much of the route themselves with shovels "
            "and borrowed tractors before the army's engineers arrived.",
        ],
        "subheading": "Winter is the worry",
        "more": [
            "Doctors travelling with the convoy said most injuries had been treated, but warned "
            "that the first snow could close the road again within weeks.",
            "Aid groups are asking for helicopters to be kept on standby until spring.",
        ],
        "hours": 120,
    },
    {
        "section": "world",
        "slug": "island-nation-votes-on-new-capital",
        "headline": "Island nation votes to move its parliament inland",
        "dek": "Rising seas made the choice for them, supporters say.",
        "place": "Suva",
        "tags": ["Climate", "Elections"],
        "authors": ["maren-holt"],
        "lead": [
            "Voters approved a plan to move the national parliament to higher ground, a project "
            "that will take at least fifteen years and has no settled budget.",
            "The present chamber floods at the highest spring tides, and sessions have twice been "
            "moved to a school hall this year.",
        ],
        "subheading": "Who pays",
        "more": [
            "The government hopes international climate funds will cover most of the cost.",
            "Opponents argued that the money would be better spent on sea walls that protect "
            "homes as well as politicians.",
        ],
        "hours": 170,
    },
    {
        "section": "world",
        "slug": "summit-agenda-leaked",
        "headline": "Draft agenda for next year's summit leaks before ministers meet",
        "dek": "An embarrassing start to the preparations.",
        "place": "Geneva",
        "tags": ["Diplomacy"],
        "authors": ["maren-holt"],
        "lead": ["Draft text, still being checked."],
        "subheading": "Background",
        "more": ["To be written."],
        "status": "draft",
    },
    {
        "section": "politics",
        "slug": "council-approves-budget-after-late-night-session",
        "headline": "Council approves budget after a late-night session",
        "dek": "Libraries keep their hours; the new bus lanes wait another year.",
        "place": "Riverton",
        "tags": ["City council", "Budget", "Transport"],
        "authors": ["daniel-okafor"],
        "lead": [
            "The city council passed next year's budget a little after midnight, by nineteen "
            "votes to fourteen, after a debate that ran for almost seven hours.",
            "A late amendment moved money from the planned bus lanes on Mill Road into keeping "
            "branch libraries open on Saturdays.",
        ],
        "subheading": "What changes for residents",
        "more": [
            "Council tax rises by just under three percent, the smallest increase in four years. "
            "Parking charges in the centre go up by twenty cents an hour.",
            "The transport committee said it would bring the bus lanes back in the autumn, with "
            "a new consultation for shopkeepers on the route.",
        ],
        "hours": 5,
        "related": ["mill-road-shopkeepers-split-over-bus-lanes", "library-hours-saved"],
    },
    {
        "section": "politics",
        "slug": "mill-road-shopkeepers-split-over-bus-lanes",
        "headline": "Mill Road shopkeepers split over bus lanes",
        "dek": "Some fear losing passing trade; others want the traffic gone.",
        "place": "Riverton",
        "tags": ["Transport", "City council", "Small business"],
        "authors": ["daniel-okafor"],
        "lead": [
            "Walk the length of Mill Road and you will hear two firm opinions about the bus "
            "lanes, often from shops standing side by side.",
            "The bakery wants parking kept for customers collecting large orders. The bicycle "
            "shop next door says its customers arrive by bus or on foot.",
        ],
        "subheading": "A survey nobody trusts",
        "more": [
            "The council's own survey found a narrow majority in favour, but traders say it was "
            "answered mostly by people who live elsewhere.",
            "A new count of who actually shops on the road will be made in the spring.",
        ],
        "hours": 28,
    },
    {
        "section": "politics",
        "slug": "library-hours-saved",
        "headline": "Saturday library hours saved by a last-minute amendment",
        "dek": "Campaigners had collected four thousand signatures.",
        "place": "Riverton",
        "tags": ["Libraries", "City council", "Budget"],
        "authors": ["daniel-okafor"],
        "lead": [
            "The five branch libraries will stay open on Saturday mornings after councillors "
            "from three parties backed a change to the budget.",
            "Parents had warned that closing on Saturdays would end the reading groups that meet "
            "there while schools are shut.",
        ],
        "subheading": "Paid for by parking",
        "more": [
            "The change costs about two hundred thousand a year and will be paid for from higher "
            "parking charges in the centre.",
            "Campaigners said they would now turn to the mobile library, which visits villages "
            "on the edge of the city only once a fortnight.",
        ],
        "hours": 29,
    },
    {
        "section": "politics",
        "slug": "by-election-turnout-lowest-in-decades",
        "headline": "By-election turnout is the lowest in decades",
        "dek": "Fewer than one in four registered voters took part.",
        "place": "Eastbrook",
        "tags": ["Elections", "Voting"],
        "authors": ["daniel-okafor"],
        "lead": [
            "The ward's by-election was won by the independent candidate by fewer than two "
            "hundred votes, on a turnout of twenty-three percent.",
            "Polling stations reported long quiet afternoons and a short rush after work.",
        ],
        "subheading": "Why people stayed home",
        "more": [
            "Residents we spoke to gave practical reasons: a polling station moved to a school "
            "across the ring road, and postal votes that arrived late.",
            "The electoral office said it would review the locations before May's elections.",
        ],
        "hours": 80,
    },
    {
        "section": "politics",
        "slug": "new-rules-for-council-meetings",
        "headline": "Council meetings will be streamed and archived from January",
        "dek": "Residents will be able to watch debates and find them later by topic.",
        "place": "Riverton",
        "tags": ["City council", "Transparency"],
        "authors": ["daniel-okafor"],
        "lead": [
            "Every full council meeting and planning committee will be streamed online from "
            "January, with recordings kept for six years.",
            "Until now only minutes were published, often weeks after the meeting.",
        ],
        "subheading": "Searchable recordings",
        "more": [
            "Recordings will be split by agenda item so that a resident interested in one "
            "planning application does not have to watch four hours of debate.",
            "The system costs less than the printing of agendas it replaces, officers said.",
        ],
        "hours": 140,
    },
    {
        "section": "politics",
        "slug": "school-meals-motion",
        "headline": "Free school meals motion wins cross-party backing",
        "dek": "The county must now find the money.",
        "place": "Riverton",
        "tags": ["Education", "Budget"],
        "authors": ["daniel-okafor", "priya-raman"],
        "lead": [
            "A motion calling for free lunches for every primary pupil passed with support from "
            "all four groups on the council.",
            "The vote is not binding on the county, which runs the schools, but it adds pressure "
            "ahead of the county's own budget in February.",
        ],
        "subheading": "The cost question",
        "more": [
            "Officers estimate the cost at about three million a year for the city's schools.",
            "Head teachers said the paperwork of checking eligibility costs them time they would "
            "rather spend teaching.",
        ],
        "hours": 200,
    },
    {
        "section": "politics",
        "slug": "mayor-interview-embargoed",
        "headline": "The mayor on her first year: the full interview",
        "dek": "Housing, buses and the budget that nearly failed.",
        "place": "Riverton",
        "tags": ["City council"],
        "authors": ["daniel-okafor"],
        "lead": ["Interview transcript being edited."],
        "subheading": "Housing",
        "more": ["Section to follow."],
        "status": "review",
    },
    {
        "section": "business",
        "slug": "chip-makers-shift-orders",
        "headline": "Chip makers shift orders as tariff talks drag on",
        "dek": "Buyers are splitting contracts between suppliers to hedge their bets.",
        "place": "Hsinchu",
        "tags": ["Trade", "Technology", "Asia"],
        "authors": ["priya-raman"],
        "lead": [
            "Electronics makers are quietly dividing their orders for memory chips between "
            "factories in three countries, according to purchasing managers.",
            "The change adds cost, but buyers say it is cheaper than being caught on the wrong "
            "side of a sudden duty.",
        ],
        "subheading": "Smaller factories benefit",
        "more": [
            "Second-tier producers, long squeezed by the largest firms, report the fullest order "
            "books they have seen in years.",
            "Analysts expect the pattern to last at least until a trade framework is agreed.",
        ],
        "hours": 8,
        "related": ["pacific-leaders-agree-to-keep-talking-on-tariffs"],
    },
    {
        "section": "business",
        "slug": "family-brewery-sold-to-staff",
        "headline": "Family brewery is sold to the people who work there",
        "dek": "The founders chose an employee trust over three outside offers.",
        "place": "Riverton",
        "tags": ["Small business", "Employment"],
        "authors": ["priya-raman"],
        "lead": [
            "The town's oldest brewery now belongs to its forty-two employees, after the founding "
            "family transferred its shares to an employee ownership trust.",
            "The family turned down larger offers from two national drinks groups and a private "
            "investment firm.",
        ],
        "subheading": "How the trust works",
        "more": [
            "Staff do not pay for their shares; the trust buys them over ten years out of the "
            "brewery's profits.",
            "Workers will elect two of the five directors. The head brewer said the first vote "
            "would be held before the spring beer festival.",
        ],
        "hours": 26,
    },
    {
        "section": "business",
        "slug": "high-street-vacancies-fall",
        "headline": "High street vacancies fall for the first time since 2019",
        "dek": "Cafés and repair shops are taking the units chains left behind.",
        "place": "Riverton",
        "tags": ["Small business", "Retail"],
        "authors": ["priya-raman"],
        "lead": [
            "The share of empty shop units in the centre fell to eleven percent this autumn, "
            "down from fifteen a year ago.",
            "Most new tenants are independent businesses on short leases, helped by landlords "
            "willing to cut rents rather than leave windows dark.",
        ],
        "subheading": "Repair is the new retail",
        "more": [
            "Phone, bicycle and clothing repair shops account for a fifth of the new openings.",
            "The business association warned that business rates, due to be revalued next year, "
            "could reverse the trend.",
        ],
        "hours": 60,
    },
    {
        "section": "business",
        "slug": "bank-branch-closures-hit-villages",
        "headline": "Bank branch closures leave villages relying on a van",
        "dek": "A mobile branch visits once a week, for ninety minutes.",
        "place": "Eastbrook",
        "tags": ["Banking", "Rural life"],
        "authors": ["priya-raman"],
        "lead": [
            "The last bank branch within ten miles closed its doors on Friday, leaving a mobile "
            "van as the only place to pay in cash or speak to a clerk.",
            "Shopkeepers say handling takings has become the hardest part of running a business.",
        ],
        "subheading": "A shared banking hub",
        "more": [
            "Campaigners want a shared hub staffed by several banks in the old post office.",
            "Similar hubs have opened in other towns; each took about two years to arrive.",
        ],
        "hours": 100,
    },
    {
        "section": "business",
        "slug": "solar-cooperative-pays-first-dividend",
        "headline": "Community solar cooperative pays its first dividend",
        "dek": "Members get four percent; the school gets cheaper electricity.",
        "place": "Riverton",
        "tags": ["Energy", "Climate", "Small business"],
        "authors": ["priya-raman"],
        "lead": [
            "The cooperative that put panels on the roofs of two schools and the leisure centre "
            "has paid its six hundred members a dividend of four percent.",
            "The schools buy the power at a fixed price below the market rate.",
        ],
        "subheading": "More roofs wanted",
        "more": [
            "The board is looking for roofs for a second phase, with the hospital car park a "
            "possible site for canopies.",
            "Shares start at fifty pounds, and residents of the city get priority.",
        ],
        "hours": 150,
        "related": ["heat-pump-trial-results"],
    },
    {
        "section": "business",
        "slug": "warehouse-jobs-automation",
        "headline": "Distribution centre adds robots and keeps its staff",
        "dek": "Management promised no redundancies; the union is watching.",
        "place": "Eastbrook",
        "tags": ["Employment", "Technology"],
        "authors": ["priya-raman"],
        "lead": [
            "The distribution centre by the motorway has installed sixty picking robots, the "
            "largest such fleet in the county.",
            "The company says all four hundred workers keep their jobs, with many retrained to "
            "maintain and supervise the machines.",
        ],
        "subheading": "Fewer night shifts",
        "more": [
            "Staff said the change had cut the number of night shifts each worker needs to do.",
            "The union wants the no-redundancy promise written into the next pay agreement.",
        ],
        "hours": 230,
    },
    {
        "section": "business",
        "slug": "quarterly-results-preview",
        "headline": "What to expect from this week's retail results",
        "dek": "Food sales will say more about shoppers' mood than the headline numbers.",
        "place": "London",
        "tags": ["Retail"],
        "authors": ["priya-raman"],
        "lead": [
            "Three of the largest retailers report their quarterly figures this week, and "
            "investors will be looking most closely at what shoppers spent on food.",
            "Grocery sales have held up even as spending on clothes and furniture slowed.",
        ],
        "subheading": "The numbers to watch",
        "more": [
            "Margins matter more than sales: price cuts in the summer were paid for by someone.",
            "Results begin at seven on Monday; we will report them as they come.",
        ],
        "scheduled": (1, 9, 0),
    },
    {
        "section": "science",
        "slug": "heat-pump-trial-results",
        "headline": "Heat pump trial in old terraced houses beats expectations",
        "dek": "Bills fell in most of the forty homes, even without new insulation.",
        "place": "Riverton",
        "tags": ["Energy", "Climate", "Housing"],
        "authors": ["priya-raman"],
        "lead": [
            "A two-year trial of heat pumps in Victorian terraced houses found that most homes "
            "stayed warm through the winter and paid less for heating than before.",
            "Researchers had expected the solid brick walls to need insulation first.",
        ],
        "subheading": "Radiators made the difference",
        "more": [
            "The biggest factor was larger radiators, fitted in every home taking part, which "
            "let the pumps run at lower temperatures.",
            "The team now wants to repeat the trial in flats, where outdoor space is scarce.",
        ],
        "hours": 12,
        "related": ["solar-cooperative-pays-first-dividend"],
    },
    {
        "section": "science",
        "slug": "river-otters-return",
        "headline": "Otters are back on the river after forty years",
        "dek": "Camera traps caught a family of four near the old mill.",
        "place": "Riverton",
        "tags": ["Wildlife", "Rivers"],
        "authors": ["priya-raman"],
        "lead": [
            "Volunteers from the river trust have confirmed what anglers suspected: otters are "
            "breeding on the river again.",
            "A camera trap near the old mill recorded a female and three cubs on four nights.",
        ],
        "subheading": "Cleaner water",
        "more": [
            "Ecologists credit better treatment at the sewage works upstream and the removal of "
            "two weirs that blocked fish.",
            "The trust asks walkers to keep dogs on leads along the stretch below the mill.",
        ],
        "hours": 34,
        "related": ["flood-barriers-tested-as-river-rises"],
    },
    {
        "section": "science",
        "slug": "hospital-trial-shorter-waits",
        "headline": "Hospital trial cuts waits in the emergency department",
        "dek": "A nurse at the door sends patients to the right place sooner.",
        "place": "Riverton",
        "tags": ["Health", "Hospitals"],
        "authors": ["priya-raman"],
        "lead": [
            "Putting a senior nurse at the entrance of the emergency department cut the average "
            "wait by forty minutes during a six-month trial.",
            "The nurse directs patients with minor injuries to the urgent treatment centre next "
            "door before they join the main queue.",
        ],
        "subheading": "Not everyone agrees",
        "more": [
            "Some doctors worry that serious conditions could be missed at the door.",
            "The hospital found no increase in missed diagnoses but will keep counting.",
        ],
        "hours": 58,
    },
    {
        "section": "science",
        "slug": "meteor-shower-best-night",
        "headline": "Tonight is the best night for this year's meteor shower",
        "dek": "Clear skies are forecast after ten; look north-east.",
        "place": "Riverton",
        "tags": ["Astronomy"],
        "authors": ["priya-raman"],
        "lead": [
            "The meteor shower reaches its peak tonight, and the forecast promises the clearest "
            "sky of the week.",
            "Astronomers from the university's observatory expect up to sixty meteors an hour "
            "away from the city lights.",
        ],
        "subheading": "Where to watch",
        "more": [
            "The country park opens its car park until two in the morning for stargazers.",
            "No telescope is needed: lie back, let your eyes adjust for twenty minutes, and wait.",
        ],
        "hours": 90,
    },
    {
        "section": "science",
        "slug": "soil-study-farms",
        "headline": "Farms that plant winter cover crops keep more of their soil",
        "dek": "A ten-year study measured the difference field by field.",
        "place": "Eastbrook",
        "tags": ["Farming", "Climate"],
        "authors": ["priya-raman"],
        "lead": [
            "Fields left bare over winter lost three times as much topsoil to rain as fields "
            "planted with cover crops, a ten-year study of local farms has found.",
            "The researchers measured sediment in ditches after every heavy storm.",
        ],
        "subheading": "A cost farmers can see",
        "more": [
            "Farmers in the study said the seed costs were repaid by needing less fertiliser.",
            "The findings will feed into the county's new advice for grants.",
        ],
        "hours": 180,
    },
    {
        "section": "science",
        "slug": "vaccine-clinic-hours",
        "headline": "Winter vaccine clinics add evening hours",
        "dek": "Working parents asked; the health board listened.",
        "place": "Riverton",
        "tags": ["Health"],
        "authors": ["priya-raman"],
        "lead": [
            "Clinics offering winter flu and respiratory vaccines will stay open until eight on "
            "Tuesdays and Thursdays from next week.",
            "Uptake among people under sixty-five with health conditions fell last year.",
        ],
        "subheading": "Booking",
        "more": [
            "Appointments can be booked by phone or online; walk-ins are welcome after six.",
            "Pharmacies continue to offer the vaccines during their normal hours.",
        ],
        "hours": 260,
    },
    {
        "section": "culture",
        "slug": "theatre-season-opens-with-new-play",
        "headline": "Theatre season opens with a new play about a flooded town",
        "dek": "A local writer's first full-length work, and a brave choice for opening night.",
        "place": "Riverton",
        "tags": ["Theatre", "Floods"],
        "authors": ["tomas-ferreira"],
        "lead": [
            "The Playhouse opened its season with a new play set in a town waiting for the "
            "river to rise, written by a former teacher who grew up two streets away.",
            "The cast of six moves between three households on a single night, as sandbags are "
            "filled and old arguments resurface.",
        ],
        "subheading": "A set that fills with water",
        "more": [
            "The designers have built a stage that slowly floods during the second act, a trick "
            "that drew gasps from the opening-night audience.",
            "The run continues until the end of the month, with a relaxed performance on the "
            "second Saturday.",
        ],
        "hours": 6,
        "related": ["flood-barriers-tested-as-river-rises", "book-festival-programme"],
    },
    {
        "section": "culture",
        "slug": "book-festival-programme",
        "headline": "Book festival announces its programme, with more events for children",
        "dek": "Forty authors, three venues and a day of free readings in the park.",
        "place": "Riverton",
        "tags": ["Books", "Festivals"],
        "authors": ["tomas-ferreira"],
        "lead": [
            "This year's book festival will bring forty authors to the city over five days in "
            "March, with a third of events aimed at children and teenagers.",
            "The organisers have moved the opening day into the park, where all readings will "
            "be free.",
        ],
        "subheading": "Tickets",
        "more": [
            "Tickets go on sale next Monday. Schools can book group visits from today.",
            "Volunteers are still needed to run the information desks.",
        ],
        "hours": 40,
    },
    {
        "section": "culture",
        "slug": "record-shop-thirty-years",
        "headline": "The record shop that refused to close turns thirty",
        "dek": "Vinyl came back; so did the customers who had moved away.",
        "place": "Riverton",
        "tags": ["Music", "Small business"],
        "authors": ["tomas-ferreira"],
        "lead": [
            "When the owner of the record shop on Castle Street was told to sell up in 2008, he "
            "moved the racks closer together and started selling coffee.",
            "Thirty years after it opened, the shop is busier than it has ever been.",
        ],
        "subheading": "Saturday afternoons",
        "more": [
            "Local bands play short sets on Saturday afternoons, squeezed between the jazz "
            "section and the counter.",
            "The shop will celebrate with a weekend of free concerts next month.",
        ],
        "hours": 70,
    },
    {
        "section": "culture",
        "slug": "museum-returns-carvings",
        "headline": "Museum agrees to return carvings to the community that made them",
        "dek": "The decision follows three years of talks.",
        "place": "Riverton",
        "tags": ["Museums", "History"],
        "authors": ["tomas-ferreira", "maren-holt"],
        "lead": [
            "The city museum will return eight wooden carvings collected by a missionary in the "
            "1890s to the island community they came from.",
            "Elders from the community visited the stores last year and identified the pieces.",
        ],
        "subheading": "An exhibition first",
        "more": [
            "The carvings will be shown together for the first time in a small exhibition before "
            "they travel home in the summer.",
            "The museum is reviewing the rest of the missionary's collection.",
        ],
        "hours": 110,
    },
    {
        "section": "culture",
        "slug": "film-club-silent-classics",
        "headline": "Film club brings silent classics back with a live pianist",
        "dek": "Every first Friday, in the church hall, for the price of a cup of tea.",
        "place": "Eastbrook",
        "tags": ["Film", "Music"],
        "authors": ["tomas-ferreira"],
        "lead": [
            "On the first Friday of every month, the church hall goes dark and a pianist "
            "improvises along with films made a century ago.",
            "The club started with eleven members in the spring; last month seventy came.",
        ],
        "subheading": "Comedy works best",
        "more": [
            "The pianist says slapstick is easiest to play for, and romance the hardest.",
            "Next month's film is a comedy about a runaway train.",
        ],
        "hours": 210,
    },
    {
        "section": "culture",
        "slug": "mural-controversy",
        "headline": "Neighbours argue over the mural on the old cinema",
        "dek": "Draft: waiting for the artist's reply.",
        "place": "Riverton",
        "tags": ["Art"],
        "authors": ["tomas-ferreira"],
        "lead": ["Waiting for the artist's response before publication."],
        "subheading": "What residents say",
        "more": ["Quotes to be checked."],
        "status": "draft",
    },
    {
        "section": "sport",
        "slug": "riverton-united-late-winner",
        "headline": "Riverton United snatch a late winner to climb into the play-off places",
        "dek": "A header in the ninety-third minute sent the home crowd into raptures.",
        "place": "Riverton",
        "tags": ["Football", "Riverton United"],
        "authors": ["tomas-ferreira"],
        "lead": [
            "Riverton United beat Eastbrook Town two goals to one on Saturday, with the winner "
            "arriving three minutes into stoppage time.",
            "The visitors had equalised just after the hour and looked the stronger side until "
            "the final whistle approached.",
        ],
        "subheading": "A captain's goal",
        "more": [
            "The captain, back after six weeks injured, rose highest at a corner to head in.",
            "The win lifts United to sixth, the last play-off place, with twelve games left.",
        ],
        "hours": 2,
        "related": ["youth-academy-graduates", "stadium-expansion-plans"],
    },
    {
        "section": "sport",
        "slug": "youth-academy-graduates",
        "headline": "Three academy graduates sign their first professional contracts",
        "dek": "The club's youth system is paying off, on the pitch and in the accounts.",
        "place": "Riverton",
        "tags": ["Football", "Riverton United", "Youth sport"],
        "authors": ["tomas-ferreira"],
        "lead": [
            "Three players from Riverton United's academy have signed professional contracts, "
            "the most in a single season since the academy opened.",
            "All three have trained with the first team this autumn.",
        ],
        "subheading": "Grown locally",
        "more": [
            "Two of the three went to school within a mile of the ground.",
            "The club says its academy now costs less than it earns from selling players.",
        ],
        "hours": 50,
    },
    {
        "section": "sport",
        "slug": "stadium-expansion-plans",
        "headline": "United unveil plans to add two thousand seats",
        "dek": "The new stand would replace the terrace behind the north goal.",
        "place": "Riverton",
        "tags": ["Football", "Riverton United", "Planning"],
        "authors": ["tomas-ferreira", "daniel-okafor"],
        "lead": [
            "Riverton United have submitted plans for a new stand that would raise the ground's "
            "capacity to nine thousand.",
            "The club says it turned away supporters at six home games last season.",
        ],
        "subheading": "Neighbours consulted",
        "more": [
            "Residents of the streets behind the north terrace have been invited to two open "
            "evenings before the planning committee decides.",
            "The club wants building to start in the summer break.",
        ],
        "hours": 95,
    },
    {
        "section": "sport",
        "slug": "marathon-record-entries",
        "headline": "City marathon fills its places in a record nine hours",
        "dek": "Organisers will add a ballot next year.",
        "place": "Riverton",
        "tags": ["Running"],
        "authors": ["tomas-ferreira"],
        "lead": [
            "All eight thousand places in next spring's city marathon were taken within nine "
            "hours of entries opening on Wednesday.",
            "Last year it took three weeks.",
        ],
        "subheading": "A fairer system",
        "more": [
            "Organisers said a ballot would replace first-come, first-served entry next year.",
            "Charity places remain available through the partner charities.",
        ],
        "hours": 130,
    },
    {
        "section": "sport",
        "slug": "womens-cricket-final",
        "headline": "Women's cricket team reach their first county final",
        "dek": "A century from the opener carried them past the champions.",
        "place": "Eastbrook",
        "tags": ["Cricket", "Youth sport"],
        "authors": ["tomas-ferreira"],
        "lead": [
            "Eastbrook's women's team beat the defending champions by thirty-one runs to reach "
            "the county final for the first time.",
            "Their opener made a hundred and four from a hundred and eight balls.",
        ],
        "subheading": "From the youth team",
        "more": [
            "Seven of the eleven came through the club's girls' section, started eight years ago.",
            "The final is at the county ground a week on Sunday.",
        ],
        "hours": 190,
    },
    {
        "section": "sport",
        "slug": "swimming-pool-reopens",
        "headline": "Leisure centre pool reopens after a year of repairs",
        "dek": "Swimming clubs return to their home lanes.",
        "place": "Riverton",
        "tags": ["Swimming", "City council"],
        "authors": ["tomas-ferreira"],
        "lead": [
            "The main pool at the leisure centre reopened on Monday after a year closed for "
            "repairs to its roof and filters.",
            "Swimming clubs had been training at a school pool twenty minutes away.",
        ],
        "subheading": "Cheaper early swims",
        "more": [
            "Early morning sessions are half price for the first month.",
            "The learner pool reopens next week once its new floor has been tested.",
        ],
        "hours": 240,
    },
    {
        "section": "world",
        "slug": "night-trains-return",
        "headline": "Night trains return to the northern line after a decade",
        "dek": "Sleeper cars leave at nine and arrive in time for breakfast.",
        "place": "Vienna",
        "tags": ["Europe", "Transport"],
        "authors": ["maren-holt"],
        "lead": [
            "A sleeper service linking four capitals left the central station on Friday night, "
            "the first on the route since 2014.",
            "Most of the first month's tickets sold within days.",
        ],
        "subheading": "Slower, but full",
        "more": [
            "The journey takes thirteen hours, three more than the old service, because of "
            "track works that will last until 2027.",
            "Passengers said they preferred it to an early flight and a day in airports.",
        ],
        "hours": 220,
        "related": ["border-town-market-reopens"],
    },
    {
        "section": "politics",
        "slug": "polling-station-review",
        "headline": "Review promises polling stations within a mile of every home",
        "dek": "The change follows complaints after the Eastbrook by-election.",
        "place": "Riverton",
        "tags": ["Elections", "Voting", "City council"],
        "authors": ["daniel-okafor"],
        "lead": [
            "Every home in the city will be within a mile of its polling station by May, the "
            "electoral office has promised after a review.",
            "Six stations will move, most of them back into community centres.",
        ],
        "subheading": "Postal votes",
        "more": [
            "Postal votes will be sent a week earlier than before.",
            "The review found that late postal packs cost at least three hundred votes.",
        ],
        "hours": 48,
        "related": ["by-election-turnout-lowest-in-decades"],
    },
    {
        "section": "culture",
        "slug": "orchestra-schools-tour",
        "headline": "Orchestra takes Beethoven to twenty primary schools",
        "dek": "Pupils conduct, and some of them are very good at it.",
        "place": "Riverton",
        "tags": ["Music", "Education"],
        "authors": ["tomas-ferreira"],
        "lead": [
            "Members of the city orchestra are spending three weeks visiting primary schools, "
            "with a string quartet and a very patient percussionist.",
            "At each school one pupil gets to conduct a movement.",
        ],
        "subheading": "Instruments for keeps",
        "more": [
            "A charity has paid for forty violins that will stay in the schools.",
            "The tour ends with a concert in the town hall, where pupils will play alongside the "
            "orchestra.",
        ],
        "hours": 16,
    },
    {
        "section": "science",
        "slug": "storm-imogen-live",
        "headline": "Storm Imogen: gales and flooding across the valley",
        "dek": "Roads closed, trains cancelled and the river still rising. Follow our updates.",
        "place": "Riverton",
        "tags": ["Weather", "Floods", "Transport"],
        "authors": ["priya-raman", "daniel-okafor"],
        "lead": [
            "Storm Imogen brought gusts of more than ninety kilometres an hour to the valley "
            "overnight, bringing down trees across the ring road and cutting power to about "
            "four thousand homes.",
            "The Met Office has an amber warning for wind in force until tomorrow morning, and "
            "flood alerts cover the river from Eastbrook to the weir.",
        ],
        "subheading": "What to do",
        "more": [
            "The council asks people to stay off the riverside paths and to report fallen trees "
            "on its website rather than by phone, so the emergency line stays free.",
            "Schools in Eastbrook are closed; those in Riverton are open unless they tell "
            "parents otherwise.",
        ],
        "hours": 4,
        "live": True,
        "related": ["flood-barriers-tested-as-river-rises"],
    },
    {
        "section": "politics",
        "slug": "bridge-reopening-what-changes",
        "headline": "The old bridge reopens: what changes for drivers, buses and cyclists",
        "dek": "",
        "place": "Riverton",
        "tags": ["Transport", "City council"],
        "authors": ["daniel-okafor"],
        "status": "draft",
        "planned_days": 2,
    },
    {
        "section": "culture",
        "slug": "winter-lights-festival-guide",
        "headline": "Winter lights festival: a guide to the trail, night by night",
        "dek": "",
        "place": "Riverton",
        "tags": ["Festivals"],
        "authors": ["tomas-ferreira"],
        "status": "draft",
        "planned_days": 5,
    },
    {
        "section": "business",
        "slug": "unpublished-merger-story",
        "headline": "Two building societies in merger talks",
        "dek": "Withdrawn pending a legal review.",
        "place": "Riverton",
        "tags": ["Banking"],
        "authors": ["priya-raman"],
        "lead": ["Withdrawn after publication while lawyers check a detail."],
        "subheading": "Background",
        "more": ["Held."],
        "status": "unpublished",
        "hours": 20,
    },
]

# Each story's picture: the scene drawn for it (newsroom.demo.scenes), its light and variant,
# the caption readers see under it, what it shows (alt text) and who took it (PHOTOGRAPHERS).
PHOTOGRAPHERS = {
    "ana": "Ana Ruiz / The Daily Ledger",
    "kofi": "Kofi Mensah / The Daily Ledger",
    "lena": "Lena Vogt / The Daily Ledger",
    "sam": "Sam Whitaker / The Daily Ledger",
    "wire": "Ji-woo Park / Pacific Wire",
    "euro": "Karel Novák / Europa Press Agency",
}
PICTURES = {
    "pacific-leaders-agree-to-keep-talking-on-tariffs": (
        "civic",
        "dusk",
        "modern",
        "wire",
        "Members' flags fly outside the convention centre as the last session ends on Sunday "
        "evening.",
        "Flags on tall poles in front of a glass conference centre at dusk",
    ),
    "port-workers-brace-for-a-quieter-winter": (
        "harbour",
        "dusk",
        "",
        "wire",
        "Gantry cranes over a half-loaded ship at the New Port terminal, where shifts have been "
        "cut from twelve hours to eight.",
        "Container cranes and a cargo ship at a harbour at sunset",
    ),
    "flood-barriers-tested-as-river-rises": (
        "river",
        "overcast",
        "",
        "euro",
        "The river runs two metres above its usual level along the old town's new barrier "
        "on Tuesday morning.",
        "A high grey river beside a row of gabled houses behind a low flood wall",
    ),
    "border-town-market-reopens": (
        "market",
        "day",
        "",
        "euro",
        "Stallholders set out vegetables and honey in the square for the first Saturday market "
        "since 2021.",
        "Market stalls with striped awnings in a town square",
    ),
    "aid-convoy-reaches-mountain-villages": (
        "mountains",
        "dawn",
        "aid",
        "wire",
        "Lorries carrying tents and medicine climb the repaired road towards the upper valley at "
        "first light.",
        "White lorries on a winding road below snow-capped mountains",
    ),
    "island-nation-votes-on-new-capital": (
        "island",
        "day",
        "",
        "wire",
        "The coast west of the capital, where the sea has taken twenty metres of beach in a "
        "decade.",
        "Palm trees on a beach facing a calm sea and a green island",
    ),
    "summit-agenda-leaked": (
        "abstract",
        "day",
        "",
        "ana",
        "Illustration for a story in progress.",
        "Coloured geometric shapes",
    ),
    "council-approves-budget-after-late-night-session": (
        "civic",
        "night",
        "",
        "kofi",
        "Lights still on at the town hall shortly before the final vote at 1.40am.",
        "A columned town hall at night with lit windows",
    ),
    "mill-road-shopkeepers-split-over-bus-lanes": (
        "street",
        "day",
        "bus",
        "sam",
        "A number 7 bus in the trial lane on Mill Road, outside the parade of shops whose "
        "owners are divided over it.",
        "A red bus in a red bus lane in front of a row of shops",
    ),
    "library-hours-saved": (
        "shelves",
        "day",
        "",
        "ana",
        "The children's shelves at the central library, which will stay open until 5pm on "
        "Saturdays.",
        "Library shelves full of colourful books",
    ),
    "by-election-turnout-lowest-in-decades": (
        "abstract",
        "day",
        "",
        "ana",
        "Fewer than one voter in four took part: our illustration of the Eastbrook result.",
        "An illustration of bold circles, stripes and triangles",
    ),
    "new-rules-for-council-meetings": (
        "civic",
        "day",
        "",
        "kofi",
        "Riverton town hall, where cameras will be fitted in the council chamber over the "
        "winter break.",
        "A stone town hall with a dome and columns on a sunny day",
    ),
    "school-meals-motion": (
        "food",
        "day",
        "",
        "lena",
        "Lunch trays at Hillside Primary, one of the schools that already serves a free meal "
        "to every pupil.",
        "School lunch trays seen from above, each with a plate, a bowl and cutlery",
    ),
    "mayor-interview-embargoed": (
        "civic",
        "dawn",
        "",
        "kofi",
        "The mayor's office looks over the town hall steps.",
        "A town hall at dawn",
    ),
    "chip-makers-shift-orders": (
        "circuit",
        "day",
        "",
        "wire",
        "Processors on a test board at a supplier's plant in the science park.",
        "Computer chips on a green circuit board",
    ),
    "family-brewery-sold-to-staff": (
        "shelves",
        "day",
        "bottles",
        "sam",
        "Bottles of the brewery's best-known bitter in the shop by the brewhouse gate.",
        "Rows of brown and green beer bottles on wooden shelves",
    ),
    "high-street-vacancies-fall": (
        "street",
        "day",
        "",
        "sam",
        "Shops open again on the eastern end of the high street, where three units were "
        "empty a year ago.",
        "A row of brick and painted shopfronts with striped awnings",
    ),
    "bank-branch-closures-hit-villages": (
        "street",
        "overcast",
        "vacant",
        "lena",
        "The last shops on Eastbrook's main street, where the bank closed its doors in September.",
        "A grey day on a small shopping street with one empty shop",
    ),
    "solar-cooperative-pays-first-dividend": (
        "fields",
        "day",
        "solar",
        "lena",
        "The cooperative's panels at Wyke Farm, which supplied 1.4 million units last year.",
        "Rows of solar panels in a field under a blue sky",
    ),
    "warehouse-jobs-automation": (
        "warehouse",
        "day",
        "",
        "sam",
        "Robots carry shelving units to the packing stations on the new night shift.",
        "Long aisles of warehouse racks with orange robots on the floor",
    ),
    "storm-imogen-live": (
        "river",
        "overcast",
        "",
        "kofi",
        "Floodwater reaches the top of the wall below the old town as the river keeps rising.",
        "A swollen grey river against a flood wall in front of a row of old houses",
    ),
    "quarterly-results-preview": (
        "chart",
        "night",
        "area",
        "ana",
        "Grocery sales have held up better than the rest of retail this year.",
        "A line chart glowing on a dark screen",
    ),
    "heat-pump-trial-results": (
        "street",
        "overcast",
        "houses",
        "lena",
        "Terraced houses on Alma Street, where twelve of the forty trial homes are.",
        "A row of red-brick terraced houses with coloured front doors",
    ),
    "river-otters-return": (
        "river",
        "dawn",
        "wild",
        "kofi",
        "An otter surfaces among the reeds below Mill Weir, seen by a volunteer at dawn.",
        "An otter swimming in a river among reeds at sunrise",
    ),
    "hospital-trial-shorter-waits": (
        "cells",
        "day",
        "",
        "ana",
        "Our illustration: the trial's quicker blood tests let doctors decide sooner.",
        "Blurred coloured cells as under a microscope",
    ),
    "meteor-shower-best-night": (
        "night_sky",
        "night",
        "",
        "kofi",
        "Meteors over Beacon Hill during last year's shower, photographed in a long exposure.",
        "Shooting stars and the Milky Way over a dark line of pine trees",
    ),
    "soil-study-farms": (
        "fields",
        "dawn",
        "",
        "lena",
        "Winter wheat and cover crops on the slopes above Eastbrook, where the study's plots are.",
        "Striped fields on rolling hills with a farmhouse and wind turbines at dawn",
    ),
    "vaccine-clinic-hours": (
        "cells",
        "day",
        "virus",
        "ana",
        "Our illustration of a flu virus: this winter's vaccine covers four strains.",
        "Round virus particles with spikes, in blue and green",
    ),
    "theatre-season-opens-with-new-play": (
        "stage",
        "night",
        "",
        "sam",
        "The cast take their bows on opening night at the Playhouse.",
        "Actors on a stage under spotlights, framed by red curtains",
    ),
    "book-festival-programme": (
        "market",
        "overcast",
        "festival",
        "ana",
        "Last year's festival tents on Abbey Green, where this year's will go up in May.",
        "White festival tents under strings of bunting",
    ),
    "record-shop-thirty-years": (
        "shelves",
        "day",
        "records",
        "kofi",
        "The racks at Groove Alley, where the owner still files every record by hand.",
        "Records in coloured sleeves on shop racks",
    ),
    "museum-returns-carvings": (
        "gallery",
        "day",
        "",
        "lena",
        "One of the carvings in the museum's upper gallery, where it has stood since 1931.",
        "A wooden carving on a white plinth in a gallery hung with paintings",
    ),
    "film-club-silent-classics": (
        "stage",
        "night",
        "cinema",
        "sam",
        "The screen at the Eastbrook Institute, with the piano that will play under it.",
        "A cinema screen glowing above a dark stage and an upright piano",
    ),
    "mural-controversy": (
        "abstract",
        "day",
        "",
        "kofi",
        "Detail of the mural's design.",
        "Bold painted shapes",
    ),
    "riverton-united-late-winner": (
        "stadium",
        "night",
        "",
        "sam",
        "Riverton United's players break forward under the floodlights at Meadow Park.",
        "Footballers on a floodlit pitch in front of a full stand at night",
    ),
    "youth-academy-graduates": (
        "stadium",
        "day",
        "training",
        "sam",
        "The three graduates training at Meadow Park on the morning they signed.",
        "Footballers training on a striped pitch in front of an almost empty stand",
    ),
    "stadium-expansion-plans": (
        "stadium",
        "dusk",
        "",
        "kofi",
        "The North Stand at Meadow Park, which would gain two thousand seats under the plans.",
        "A football stadium at dusk, its stands full",
    ),
    "marathon-record-entries": (
        "stadium",
        "day",
        "track",
        "lena",
        "Club runners on the track at the athletics centre, where the marathon will finish.",
        "Runners in coloured vests on a red running track",
    ),
    "womens-cricket-final": (
        "stadium",
        "day",
        "cricket",
        "sam",
        "Eastbrook's opener on her way to a hundred and four in the semi-final.",
        "A batter at the crease on a cricket pitch in front of a crowd",
    ),
    "swimming-pool-reopens": (
        "pool",
        "day",
        "",
        "lena",
        "Early swimmers in the main pool on Monday, its first morning open in a year.",
        "Swimmers in lanes of a blue pool seen from above",
    ),
    "night-trains-return": (
        "train",
        "night",
        "",
        "euro",
        "The first northbound sleeper crosses the Lauter viaduct shortly after midnight.",
        "A train with lit windows crossing a stone viaduct at night",
    ),
    "polling-station-review": (
        "street",
        "dawn",
        "houses",
        "kofi",
        "Polling will move back into the community centre on Church Row.",
        "A row of terraced houses in early morning light",
    ),
    "orchestra-schools-tour": (
        "stage",
        "night",
        "orchestra",
        "ana",
        "Music stands set out for the tour's closing concert in the town hall.",
        "Music stands on a stage lit by a spotlight between red curtains",
    ),
    "unpublished-merger-story": (
        "chart",
        "night",
        "candles",
        "ana",
        "Building society shares over the past year.",
        "A candlestick chart on a dark screen",
    ),
}

# The live story's updates: minutes after its coverage started, the text, and whether each is
# a key event or pinned.
LIVE_UPDATES = {
    "storm-imogen-live": [
        (
            10,
            "We'll bring you news of the storm here as it comes in: road and rail closures, "
            "power cuts and the river levels.",
            False,
            True,
        ),
        (
            32,
            "The ring road is closed in both directions between the Mill Road and Station "
            "roundabouts after two trees came down across it. Police expect it to stay shut "
            "until at least midday.",
            True,
            False,
        ),
        (
            58,
            "Power: the network operator says about 4,100 homes are without electricity, most "
            "of them in Eastbrook and the villages to the north. Its map is updated every half "
            "hour: https://power.example.com/outages",
            False,
            False,
        ),
        (
            95,
            "All trains between Riverton and Eastbrook are cancelled until the line is checked. "
            "Replacement buses leave from the bus station stand F every thirty minutes.",
            True,
            False,
        ),
        (
            140,
            "The river at the weir is 2.1 metres above its usual level and still rising, "
            "slowly. The Environment Agency expects it to peak within six hours.\n\n"
            "If you live by the river, move valuables upstairs and keep your phone charged.",
            True,
            False,
        ),
        (
            190,
            "A reader sent this from Water Lane: the footbridge is closed and the path under "
            "it is already under water. Please stay away from the riverside.",
            False,
            False,
        ),
    ],
}

# Corrections readers see: the story, how many minutes after publication it was published,
# where it stands, and its text.
CORRECTIONS = [
    (
        "council-approves-budget-after-late-night-session",
        100,
        "end",
        "An earlier version of this story said the budget passed by twenty votes to "
        "thirteen. It passed by nineteen votes to fourteen.",
    ),
]
