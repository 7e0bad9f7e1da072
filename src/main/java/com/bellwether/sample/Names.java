package com.bellwether.sample;

import java.util.Set;

/** Word lists for company and person names, and the fixed vocabularies of the bundle. */
final class Names {

    private Names() {
    }

    static final String[] SEGMENTS = {"SMB", "Mid-Market", "Enterprise"};
    static final String[] REGIONS = {"NA", "EMEA", "APAC", "LATAM"};
    static final String[] INDUSTRIES = {
        "Software", "Financial Services", "Healthcare", "Manufacturing",
        "Retail", "Education", "Logistics", "Media"
    };

    /** Per industry, nouns that end a company name of that industry. */
    private static final String[][] INDUSTRY_NOUNS = {
        {"Software", "Labs", "Systems", "Cloud", "Digital", "Technologies", "Data"},
        {"Capital", "Financial", "Partners", "Insurance", "Wealth", "Credit", "Payments"},
        {"Health", "Medical", "Care", "Clinics", "Biosciences", "Diagnostics", "Pharma"},
        {"Industries", "Manufacturing", "Components", "Machines", "Works", "Materials", "Fabrication"},
        {"Retail", "Goods", "Outfitters", "Market", "Brands", "Home", "Supply Co"},
        {"Learning", "Academy", "Education", "Schools", "Tutoring", "Institute", "Campus"},
        {"Logistics", "Freight", "Shipping", "Transport", "Distribution", "Cargo", "Fleet"},
        {"Media", "Studios", "Publishing", "Broadcasting", "Creative", "Entertainment", "Press"},
    };

    private static final String[] ROOT_HEADS = {
        "North", "South", "East", "West", "Blue", "Red", "Green", "Silver", "Golden", "Iron",
        "Cedar", "Oak", "Pine", "Maple", "Bright", "Clear", "Summit", "Harbor", "River", "Lake",
        "Stone", "Sun", "Moon", "Star", "Falcon", "Eagle", "Fox", "Wolf", "Bear", "Hawk",
        "Swift", "True", "Keen", "Bold", "High", "Deep", "Far", "Quick", "Evergreen", "Crystal"
    };
    private static final String[] ROOT_TAILS = {
        "field", "stone", "wave", "gate", "point", "ridge", "leaf", "line", "bridge", "works",
        "brook", "crest", "view", "wood", "haven", "peak", "port", "vale", "spring", "light"
    };
    private static final String[][] LEGAL_SUFFIXES = {
        {" Inc.", " LLC", " Corp.", " Co."},
        {" Ltd", " GmbH", " AG", " SA", " BV", " plc"},
        {" Pty Ltd", " Pte Ltd", " KK", " Ltd"},
        {" S.A.", " Ltda", " S.A. de C.V."},
    };

    static final String[] FIRST_NAMES = {
        "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Isabella", "Lucas",
        "Mia", "Mateo", "Charlotte", "Ethan", "Harper", "Daniel", "Evelyn", "Samuel", "Abigail", "David",
        "Priya", "Arjun", "Ananya", "Rahul", "Mei", "Wei", "Yuki", "Haruto", "Ji-woo", "Min-jun",
        "Fatima", "Omar", "Aisha", "Yusuf", "Layla", "Hassan", "Sofia", "Diego", "Valentina", "Santiago",
        "Camila", "Gabriel", "Lucia", "Thiago", "Ingrid", "Lars", "Freya", "Mats", "Chloe", "Hugo",
        "Léa", "Jules", "Greta", "Felix", "Marta", "Tomasz", "Zanele", "Kwame", "Amara", "Chidi",
        "Grace", "Henry", "Nora", "Jack", "Hannah", "Owen", "Zoe", "Caleb", "Ruth", "Isaac"
    };
    static final String[] LAST_NAMES = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
        "Patel", "Shah", "Kumar", "Singh", "Chen", "Wang", "Liu", "Tanaka", "Sato", "Kim",
        "Park", "Nguyen", "Tran", "Haddad", "Khan", "Rahman", "Silva", "Santos", "Oliveira", "Pereira",
        "Müller", "Schmidt", "Schneider", "Fischer", "Dubois", "Moreau", "Laurent", "Rossi", "Russo", "Bianchi",
        "Novak", "Kowalski", "Nowak", "Jensen", "Hansen", "Larsen", "Okafor", "Mensah", "Adeyemi", "Dlamini",
        "O'Brien", "Murphy", "Walsh", "Byrne", "Campbell", "Stewart", "Reid", "Clarke", "Hughes", "Baker"
    };

    /** A company name that is not yet in {@code used}; the name is added to {@code used}. */
    static String company(Rng rng, int industry, int region, Set<String> used) {
        for (int attempt = 0; attempt < 40; attempt++) {
            String candidate = companyCandidate(rng, industry, region);
            if (used.add(candidate)) {
                return candidate;
            }
        }
        String base = companyCandidate(rng, industry, region);
        for (int n = 2; ; n++) {
            String candidate = base + " " + n;
            if (used.add(candidate)) {
                return candidate;
            }
        }
    }

    private static String companyCandidate(Rng rng, int industry, int region) {
        StringBuilder name = new StringBuilder(40);
        name.append(rng.pick(ROOT_HEADS)).append(rng.pick(ROOT_TAILS));
        name.append(' ').append(rng.pick(INDUSTRY_NOUNS[industry]));
        if (rng.chance(0.55)) {
            name.append(rng.pick(LEGAL_SUFFIXES[region]));
        }
        return name.toString();
    }

    /** A person's name that is not yet in {@code used}; the name is added to {@code used}. */
    static String person(Rng rng, Set<String> used) {
        for (int attempt = 0; ; attempt++) {
            String candidate = rng.pick(FIRST_NAMES) + " " + rng.pick(LAST_NAMES);
            if (attempt > 60) {
                candidate = candidate + "-" + rng.pick(LAST_NAMES);
            }
            if (used.add(candidate)) {
                return candidate;
            }
        }
    }
}
