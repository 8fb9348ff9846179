package org.openchance.benchmark;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.analysis.de.GermanLightStemmer;

/**
 * A labelled evaluation set for search, generated from a seed: German and English CRM records (accounts, contacts,
 * opportunities, activities) and queries in classes, each with the records that are relevant to it. Relevance is
 * decided here, from what the generator wrote and its own tables (which compound word has which parts, which
 * spelling sounds like which name), never by asking the search engine.
 *
 * <p>A query's words must each appear in a relevant record, as a word of one of its searchable fields (those the
 * index takes: see {@code Projections}), compared without case and umlauts ("Müller" = "Mueller" = "muller", "ß" =
 * "ss") and in any German word form (Lucene's German light stemmer: "Pumpe" = "Pumpen" = "pump"; a phrase's words
 * as written). The last word of a query may also be the start of a word (it is still being typed), except in a phrase.
 * Per class a query's words may also be met otherwise: a part of a compound word, a misspelling of a word, a
 * spelling that sounds like a word.
 */
final class RelevanceSet {

    /** A record to create; {@code fields} in the order of the create mutation's input, texts as written. */
    record Doc(int index, String type, Map<String, String> fields, int parent, int account) {

        /** The searchable texts (as the index takes them), each a field on its own (a phrase does not span two). */
        List<String> texts(List<Doc> all) {
            List<String> texts = new ArrayList<>();
            switch (type) {
                case "OPPORTUNITY" -> {
                    texts.add(fields.get("name"));
                    texts.add(all.get(account).fields.get("name"));
                    texts.add(fields.get("description"));
                }
                case "ACCOUNT" -> {
                    texts.add(fields.get("name"));
                    texts.add(fields.get("industry"));
                    texts.add(fields.get("country"));
                }
                case "CONTACT" -> {
                    texts.add(fields.get("firstName"));
                    texts.add(fields.get("lastName"));
                    texts.add(fields.get("title"));
                    texts.add(all.get(account).fields.get("name"));
                }
                case "ACTIVITY" -> {
                    texts.add(fields.get("subject"));
                    texts.add(fields.get("body"));
                    texts.add(fields.get("outcome"));
                }
                default -> throw new IllegalStateException(type);
            }
            texts.removeIf(t -> t == null || t.isBlank());
            return texts;
        }
    }

    /**
     * A labelled query: the text as a user types it, its class, the records relevant to it (indices into the
     * documents) and, for near-miss names, the records that carry only the look-alike name (must never rank above a
     * relevant one).
     */
    record Query(String cls, String text, Set<Integer> relevant, Set<Integer> wrong) {}

    static final List<String> CLASSES = List.of(
            "exact",
            "case",
            "umlaut",
            "typo",
            "prefix",
            "compound",
            "multi-word",
            "phrase",
            "contact",
            "activity text",
            "near-miss names",
            "sound-alike");

    // --- the vocabulary

    /** Family names; the near-miss pairs below are all in it. */
    private static final List<String> SURNAMES = List.of(
            "Müller",
            "Miller",
            "Weiß",
            "Weis",
            "Meyer",
            "Maier",
            "Schmidt",
            "Schmitt",
            "Hoffmann",
            "Hofmann",
            "Thompson",
            "Thomson",
            "Becker",
            "Bäcker",
            "Braun",
            "Brown",
            "Schulz",
            "Schultz",
            "Fischer",
            "Wagner",
            "Krüger",
            "Schröder",
            "Neumann",
            "Schwarz",
            "Zimmermann",
            "Hartmann",
            "Köhler",
            "Lehmann",
            "Günther",
            "Smith",
            "Johnson",
            "Clarke",
            "Brandt",
            "Vogel",
            "Jäger",
            "Sommer",
            "Fuchs",
            "Lorenz",
            "Böhm",
            "Seidel",
            "Winkler",
            "Pohl",
            "Ziegler",
            "Wolff");

    /** Names that look alike but are different people: a search for one must not rank the other above it. */
    private static final List<List<String>> NEAR_MISSES = List.of(
            List.of("Müller", "Miller"),
            List.of("Weiß", "Weis"),
            List.of("Meyer", "Maier"),
            List.of("Schmidt", "Schmitt"),
            List.of("Hoffmann", "Hofmann"),
            List.of("Thompson", "Thomson"),
            List.of("Becker", "Bäcker"),
            List.of("Braun", "Brown"),
            List.of("Schulz", "Schultz"));

    private static final List<String> FIRST_NAMES = List.of(
            "Anna",
            "Jonas",
            "Sabine",
            "Thomas",
            "Julia",
            "Stefan",
            "Katharina",
            "Michael",
            "Sandra",
            "Andreas",
            "Claudia",
            "Markus",
            "Petra",
            "Jürgen",
            "Sophie",
            "Lukas",
            "Emma",
            "James",
            "Sarah",
            "David",
            "Laura",
            "Christoph",
            "Philipp",
            "Henrike");

    private static final List<String> TITLES = List.of(
            "Einkaufsleiterin",
            "Geschäftsführer",
            "Technischer Leiter",
            "Head of Procurement",
            "Instandhaltungsleiter",
            "Plant Manager",
            "Projektingenieurin",
            "Energiebeauftragter");

    /** The middle of an account's name ("Müller Kältetechnik GmbH"): compounds as well. */
    private static final List<String> TRADES = List.of(
            "Anlagenbau",
            "Kältetechnik",
            "Drucklufttechnik",
            "Maschinenbau",
            "Elektrotechnik",
            "Feinmechanik",
            "Energietechnik",
            "Logistik",
            "Automation",
            "Umwelttechnik",
            "Stahlbau",
            "Haustechnik",
            "Solartechnik",
            "Fördertechnik",
            "Engineering",
            "Systems",
            "Industries",
            "Solutions");

    private static final List<String> FORMS = List.of("GmbH", "AG", "KG", "SE", "Ltd", "Inc");

    private static final List<String> INDUSTRIES =
            List.of("Maschinenbau", "Chemie", "Lebensmittel", "Automotive", "Energie", "Logistik", "Pharma");

    private static final List<String> COUNTRIES = List.of("Deutschland", "Österreich", "Schweiz", "United Kingdom");

    private static final List<String> CITIES = List.of(
            "München",
            "Köln",
            "Düsseldorf",
            "Nürnberg",
            "Lübeck",
            "Göttingen",
            "Würzburg",
            "Saarbrücken",
            "Osnabrück",
            "Hamburg",
            "Bremen",
            "Dresden",
            "Leipzig",
            "Manchester",
            "Birmingham");

    /**
     * The compound words the records use, with every part a user might type on its own (the generator's own
     * knowledge, not the splitter's): a query for a part finds the compounds listed with it. Parts nobody types
     * alone ("stoff" of Wasserstoff, "nahme" of Inbetriebnahme) are left out.
     */
    private static final Map<String, List<String>> COMPOUNDS = compounds(
            "Schraubenverdichter: schrauben verdichter",
            "Druckluftanlage: druck luft druckluft anlage",
            "Kältemittelkreislauf: kälte kältemittel mittel kreislauf",
            "Wartungsgutachten: wartung gutachten",
            "Photovoltaikanlage: photovoltaik anlage",
            "Wärmebildkamera: wärme wärmebild bild kamera",
            "Schwingungsanalyse: schwingung analyse",
            "Brandschutzgutachten: brand brandschutz schutz gutachten",
            "Hydraulikpumpe: hydraulik pumpe",
            "Kühlwasserpumpe: kühl kühlwasser wasser pumpe",
            "Lüftungsanlage: lüftung anlage",
            "Steuerungssoftware: steuerung software",
            "Förderbandanlage: förder förderband band anlage",
            "Rohrleitungsbau: rohr rohrleitung leitung bau",
            "Gasturbinenwartung: gas gasturbine turbine wartung",
            "Blockheizkraftwerk: block heiz kraftwerk",
            "Lagerverwaltungssystem: lager lagerverwaltung verwaltung system",
            "Schaltschrankbau: schalt schaltschrank schrank bau",
            "Wasserstofftankstelle: wasser wasserstoff tankstelle",
            "Windkraftanlage: wind windkraft kraft anlage",
            "Spritzgussmaschine: spritz spritzguss guss maschine",
            "Verpackungsmaschine: verpackung maschine",
            "Abwasserbehandlung: abwasser wasser behandlung",
            "Energieeffizienzberatung: energie energieeffizienz effizienz beratung",
            "Vakuumpumpe: vakuum pumpe",
            "Anlagenbau: anlagen bau",
            "Kältetechnik: kälte technik",
            "Drucklufttechnik: druck luft druckluft technik",
            "Maschinenbau: maschinen bau",
            "Elektrotechnik: elektro technik",
            "Feinmechanik: fein mechanik",
            "Energietechnik: energie technik",
            "Umwelttechnik: umwelt technik",
            "Stahlbau: stahl bau",
            "Haustechnik: haus technik",
            "Solartechnik: solar technik",
            "Fördertechnik: förder technik",
            "Einkaufsleiterin: einkauf leiterin",
            "Instandhaltungsleiter: instandhaltung leiter",
            "Projektingenieurin: projekt ingenieurin",
            "Energiebeauftragter: energie beauftragter",
            "Geschäftsführer: geschäft führer",
            "Servicevertrag: service vertrag",
            "Ersatzteilliste: ersatzteil ersatz teil liste",
            "Inbetriebnahme: betrieb",
            "Abnahmeprotokoll: abnahme protokoll");

    /** The compound words whose parts the compound queries ask for. */
    private static final List<String> TECH = List.of(
            "Schraubenverdichter",
            "Druckluftanlage",
            "Kältemittelkreislauf",
            "Wartungsgutachten",
            "Photovoltaikanlage",
            "Wärmebildkamera",
            "Schwingungsanalyse",
            "Brandschutzgutachten",
            "Hydraulikpumpe",
            "Kühlwasserpumpe",
            "Lüftungsanlage",
            "Steuerungssoftware",
            "Förderbandanlage",
            "Rohrleitungsbau",
            "Gasturbinenwartung",
            "Blockheizkraftwerk",
            "Lagerverwaltungssystem",
            "Schaltschrankbau",
            "Wasserstofftankstelle",
            "Windkraftanlage",
            "Spritzgussmaschine",
            "Verpackungsmaschine",
            "Abwasserbehandlung",
            "Energieeffizienzberatung",
            "Vakuumpumpe");

    private static final List<String> ENGLISH = List.of(
            "heat pump",
            "compressor maintenance",
            "solar inverter",
            "vibration analysis",
            "thermal imaging",
            "leak detection",
            "spare parts",
            "retrofit project",
            "energy audit",
            "control cabinet",
            "cooling tower",
            "conveyor belt");

    /** Words only notes and descriptions have (the prefix queries type their starts). */
    private static final List<String> NOTE_WORDS = List.of(
            "Lieferzeit",
            "Zahlungsbedingungen",
            "Rahmenvertrag",
            "Sicherheitsdatenblatt",
            "Schulungsunterlagen",
            "Referenzkunde",
            "Preisanpassung",
            "Budgetfreigabe",
            "commissioning",
            "documentation",
            "warranty",
            "procurement",
            "Wettbewerbsangebot",
            "Entscheidungsvorlage",
            "Betriebsrat",
            "Vorstandssitzung");

    private static final List<String> PRODUCTS = List.of(
            "Aquilon",
            "Boreas",
            "Cirrus",
            "Deltaflow",
            "Equinox",
            "Fulcrum",
            "Gyrex",
            "Halcyon",
            "Isotherm",
            "Juvena",
            "Kestrel",
            "Lumatic",
            "Meridian",
            "Nautilus",
            "Orbion",
            "Pyrion",
            "Quasar",
            "Rhodium",
            "Stratos",
            "Tectron",
            "Ultrion",
            "Vortexa",
            "Welkor",
            "Xenon",
            "Zephyrus");

    /** Spellings that are nowhere in the records, and the words of the records they sound like. */
    private static final Map<String, List<String>> SOUND_ALIKES = Map.ofEntries(
            Map.entry("Fotovoltaikanlage", List.of("Photovoltaikanlage")),
            Map.entry("Kristoph", List.of("Christoph")),
            Map.entry("Filipp", List.of("Philipp")),
            Map.entry("Mayr", List.of("Maier", "Meyer")),
            Map.entry("Meier", List.of("Maier", "Meyer")),
            Map.entry("Klarke", List.of("Clarke")),
            Map.entry("Telephonat", List.of("Telefonat")),
            Map.entry("Smyth", List.of("Smith")),
            Map.entry("Tompsen", List.of("Thompson")),
            Map.entry("Zimmerman", List.of("Zimmermann")),
            Map.entry("Wolf", List.of("Wolff")),
            Map.entry("Foegel", List.of("Vogel")),
            Map.entry("Lorentz", List.of("Lorenz")),
            Map.entry("Seydel", List.of("Seidel")),
            Map.entry("Zigler", List.of("Ziegler")),
            Map.entry("Kathaeryna", List.of("Katharina")));

    final List<Doc> docs = new ArrayList<>();
    final List<Query> queries = new ArrayList<>();
    private final Random random;
    /** Per document, its words (normalised) per field, in order. */
    private final List<List<List<String>>> words = new ArrayList<>();
    /** Per document, the stems of all its words: computed once, asked for every query. */
    private final List<Set<String>> stems = new ArrayList<>();

    private final Set<String> vocabulary = new LinkedHashSet<>();

    RelevanceSet(long seed, int accounts) {
        random = new Random(seed);
        generate(accounts);
        for (Doc doc : docs) {
            List<List<String>> fields =
                    doc.texts(docs).stream().map(RelevanceSet::words).toList();
            words.add(fields);
            Set<String> docStems = new HashSet<>();
            fields.forEach(field -> field.forEach(w -> docStems.add(stem(w))));
            stems.add(docStems);
            fields.forEach(vocabulary::addAll);
        }
        labelQueries();
    }

    // --- records

    private void generate(int accounts) {
        List<String> names = new ArrayList<>();
        for (String surname : SURNAMES) {
            for (String trade : TRADES) {
                names.add(surname + " " + trade);
            }
        }
        java.util.Collections.shuffle(names, random);
        for (int a = 0; a < accounts; a++) {
            Map<String, String> account = new LinkedHashMap<>();
            account.put("name", names.get(a) + " " + pick(FORMS));
            account.put("industry", pick(INDUSTRIES));
            account.put("country", pick(COUNTRIES));
            int accountIndex = add("ACCOUNT", account, -1, -1);
            List<String[]> people = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                String first = pick(FIRST_NAMES);
                String last = pick(SURNAMES);
                people.add(new String[] {first, last});
                Map<String, String> contact = new LinkedHashMap<>();
                contact.put("firstName", first);
                contact.put("lastName", last);
                contact.put("title", pick(TITLES));
                add("CONTACT", contact, accountIndex, accountIndex);
            }
            for (int o = 0; o < 2; o++) {
                String tech = pick(TECH);
                String other = pick(TECH);
                String city = pick(CITIES);
                String english = pick(ENGLISH);
                String[] person = people.get(random.nextInt(people.size()));
                Map<String, String> deal = new LinkedHashMap<>();
                deal.put("name", (random.nextBoolean() ? tech : "Servicevertrag " + tech) + " " + city);
                deal.put(
                        "description",
                        random.nextBoolean()
                                ? "Angebot für " + tech + " und " + other + " am Standort " + city
                                        + ". Ansprechpartner: " + person[0] + " " + person[1] + ". Modell "
                                        + pick(PRODUCTS) + ". Offen: " + pick(NOTE_WORDS) + "."
                                : "Replacement of the " + english + " at the " + city + " plant, including " + other
                                        + ". Contact: " + person[0] + " " + person[1] + ". Model " + pick(PRODUCTS)
                                        + ". Open: " + pick(NOTE_WORDS) + ".");
                int dealIndex = add("OPPORTUNITY", deal, accountIndex, accountIndex);
                for (int n = 0; n < 2; n++) {
                    String[] spoke = people.get(random.nextInt(people.size()));
                    Map<String, String> activity = new LinkedHashMap<>();
                    String product = pick(PRODUCTS);
                    int ticket = 1000 + random.nextInt(9000);
                    if (random.nextBoolean()) {
                        activity.put("type", "CALL");
                        activity.put("subject", "Telefonat mit " + spoke[0] + " " + spoke[1]);
                        activity.put(
                                "body",
                                "Besprochen: " + pick(TECH) + " und das Abnahmeprotokoll. Kunde wünscht eine "
                                        + pick(TECH) + " vom Typ " + product + ", Ersatzteilliste folgt. Vorgang "
                                        + ticket + ".");
                        activity.put("outcome", "Inbetriebnahme im " + pick(CITIES) + " Werk geplant");
                    } else {
                        activity.put("type", "MEETING");
                        activity.put("subject", "Meeting about " + pick(ENGLISH));
                        activity.put(
                                "body",
                                "Walked through the " + pick(ENGLISH) + " with " + spoke[0] + " " + spoke[1]
                                        + ". They asked for the " + product + " series and a quote. Case " + ticket
                                        + ".");
                        activity.put("outcome", "Follow-up in " + pick(CITIES));
                    }
                    add("ACTIVITY", activity, dealIndex, accountIndex);
                }
            }
        }
    }

    private int add(String type, Map<String, String> fields, int parent, int account) {
        docs.add(new Doc(docs.size(), type, fields, parent, account));
        return docs.size() - 1;
    }

    // --- queries and what is relevant to them

    private void labelQueries() {
        int perClass = 16;
        // exact: an account's name without its legal form, as written
        for (Doc account : sample("ACCOUNT", perClass)) {
            String name = account.fields().get("name");
            add("exact", name.substring(0, name.lastIndexOf(' ')), null);
        }
        // case: the same, in other cases
        for (Doc account : sample("ACCOUNT", perClass)) {
            String name = account.fields().get("name");
            String text = name.substring(0, name.lastIndexOf(' '));
            add("case", random.nextBoolean() ? text.toUpperCase(Locale.GERMAN) : text.toLowerCase(Locale.GERMAN), null);
        }
        // umlaut: words with umlauts or ß typed with their transcription or without dots
        List<String> umlautWords = distinctWords(w -> w.matches(".*[äöüß].*"));
        for (String word : pickDistinct(umlautWords, perClass)) {
            String typed = random.nextBoolean()
                    ? word.replace("ä", "ae")
                            .replace("ö", "oe")
                            .replace("ü", "ue")
                            .replace("ß", "ss")
                    : word.replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "ss");
            add("umlaut", typed + " ", null);
        }
        // typo: one letter wrong, missing, doubled or two swapped (never the first), in a word of 6+ letters
        List<String> longWords = distinctWords(w -> w.length() >= 6 && w.chars().allMatch(Character::isLetter));
        int typos = 0;
        while (typos < perClass) {
            String word = pick(longWords);
            String typo = typo(word);
            if (vocabulary.stream()
                    .anyMatch(v -> v.startsWith(normalise(typo)) || stem(v).equals(stem(normalise(typo))))) {
                continue; // a real word (or the start of one): not a typo
            }
            addWith("typo", typo + " ", List.of(Set.of(normalise(word))));
            typos++;
        }
        // prefix: the start of a word (5 to 9 letters) that only descriptions and notes have, being typed
        Set<String> nameWords = new LinkedHashSet<>();
        for (Doc doc : docs) {
            for (String field : List.of("name", "subject", "firstName", "lastName")) {
                if (doc.fields().containsKey(field)) {
                    nameWords.addAll(words(doc.fields().get(field)));
                }
            }
        }
        List<String> bodyWords = new ArrayList<>();
        for (Doc doc : docs) {
            if (doc.type().equals("OPPORTUNITY") || doc.type().equals("ACTIVITY")) {
                for (String w : rawWords(
                        doc.fields().getOrDefault("description", doc.fields().get("body")))) {
                    String start = normalise(w.substring(0, Math.min(5, w.length())));
                    if (w.length() >= 8
                            && w.chars().allMatch(Character::isLetter)
                            && nameWords.stream().noneMatch(name -> name.startsWith(start))) {
                        bodyWords.add(w);
                    }
                }
            }
        }
        for (String word : pickDistinct(new ArrayList<>(new LinkedHashSet<>(bodyWords)), perClass)) {
            add("prefix", word.substring(0, 5 + random.nextInt(Math.min(5, word.length() - 6))), null);
        }
        // compound: a part of a compound word that is not its start (a prefix would find that), typed alone
        Set<String> parts = new LinkedHashSet<>();
        for (String tech : TECH) {
            for (String part : COMPOUNDS.get(tech)) {
                if (!normalise(tech).startsWith(normalise(part))) {
                    parts.add(part);
                }
            }
        }
        for (String part : pickDistinct(new ArrayList<>(parts), perClass)) {
            String p = normalise(part);
            Set<String> meets = new LinkedHashSet<>(Set.of(p));
            COMPOUNDS.forEach((compound, ps) -> {
                if (ps.stream().map(RelevanceSet::normalise).anyMatch(p::equals)) {
                    meets.add(normalise(compound));
                }
            });
            addWith("compound", part, List.of(meets));
        }
        // multi-word: the first word of a deal's account (a family name) and the city its name ends with
        for (Doc deal : sample("OPPORTUNITY", perClass)) {
            List<String> name = rawWords(deal.fields().get("name"));
            String account = docs.get(deal.account()).fields().get("name");
            add("multi-word", account.substring(0, account.indexOf(' ')) + " " + name.get(name.size() - 1), null);
        }
        // phrase: two adjacent words of a description or note, in quotes
        for (Doc doc : sample(d -> d.type().equals("OPPORTUNITY") || d.type().equals("ACTIVITY"), perClass)) {
            List<String> ws = rawWords(
                    doc.fields().getOrDefault("description", doc.fields().get("body")));
            int at = random.nextInt(ws.size() - 1);
            String phrase = ws.get(at) + " " + ws.get(at + 1);
            addPhrase("\"" + phrase + "\"", List.of(normalise(ws.get(at)), normalise(ws.get(at + 1))));
        }
        // contact: a person's full name
        for (Doc contact : sample("CONTACT", perClass)) {
            add(
                    "contact",
                    contact.fields().get("firstName") + " " + contact.fields().get("lastName"),
                    null);
        }
        // activity text: the product and the number of a note
        for (Doc activity : sample("ACTIVITY", perClass)) {
            List<String> ws = rawWords(activity.fields().get("body"));
            String number =
                    ws.stream().filter(w -> w.matches("\\d{4}")).findFirst().orElseThrow();
            String product =
                    ws.stream().filter(w -> PRODUCTS.contains(w)).findFirst().orElseThrow();
            add("activity text", product + " " + number, null);
        }
        // near-miss names: one of two look-alike names; records with only the other must not rank above
        for (int i = 0; i < perClass; i++) {
            List<String> pair = NEAR_MISSES.get(i % NEAR_MISSES.size());
            String name = pair.get((i / NEAR_MISSES.size()) % 2);
            String other = pair.get(1 - (i / NEAR_MISSES.size()) % 2);
            add("near-miss names", name, normalise(other));
        }
        // sound-alike: spelled as it sounds, nowhere in the records
        for (Map.Entry<String, List<String>> sound : SOUND_ALIKES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .toList()) {
            if (vocabulary.contains(normalise(sound.getKey()))) {
                throw new IllegalStateException(sound.getKey() + " is in the records: no sound-alike query");
            }
            Set<String> meets = new LinkedHashSet<>();
            sound.getValue().forEach(w -> meets.add(normalise(w)));
            addWith("sound-alike", sound.getKey() + " ", List.of(meets));
        }
    }

    /** A query whose words must each appear (the last one possibly as a prefix unless the text ends in a space). */
    private void add(String cls, String text, String wrongName) {
        List<Set<String>> meets = new ArrayList<>();
        for (String w : rawWords(text)) {
            meets.add(Set.of(normalise(w)));
        }
        Query query = query(cls, text, meets);
        if (wrongName != null) {
            Set<Integer> wrong = new LinkedHashSet<>();
            for (int d = 0; d < docs.size(); d++) {
                if (!query.relevant().contains(d) && has(d, Set.of(wrongName), false)) {
                    wrong.add(d);
                }
            }
            query = new Query(cls, text, query.relevant(), wrong);
        }
        queries.add(query);
    }

    private void addWith(String cls, String text, List<Set<String>> meets) {
        queries.add(query(cls, text, meets));
    }

    private Query query(String cls, String text, List<Set<String>> meets) {
        // a name the user typed in full is that name, not the start of a longer one (Weis is not Weiß)
        boolean typing = !text.endsWith(" ") && !cls.equals("near-miss names");
        Set<Integer> relevant = new LinkedHashSet<>();
        for (int d = 0; d < docs.size(); d++) {
            boolean all = true;
            for (int i = 0; i < meets.size() && all; i++) {
                all = has(d, meets.get(i), typing && i == meets.size() - 1);
            }
            if (all) {
                relevant.add(d);
            }
        }
        if (relevant.isEmpty()) {
            throw new IllegalStateException("no record is relevant to " + text);
        }
        return new Query(cls, text.strip(), relevant, Set.of());
    }

    private void addPhrase(String text, List<String> phrase) {
        Set<Integer> relevant = new LinkedHashSet<>();
        for (int d = 0; d < docs.size(); d++) {
            for (List<String> field : words.get(d)) {
                for (int i = 0; i + 1 < field.size(); i++) {
                    if (field.get(i).equals(phrase.get(0)) && field.get(i + 1).equals(phrase.get(1))) {
                        relevant.add(d);
                    }
                }
            }
        }
        queries.add(new Query("phrase", text, relevant, Set.of()));
    }

    private boolean has(int doc, Set<String> meets, boolean prefix) {
        for (String m : meets) {
            if (stems.get(doc).contains(stem(m))) { // a word equal to m has its stem too
                return true;
            }
        }
        if (prefix) {
            for (List<String> field : words.get(doc)) {
                for (String w : field) {
                    for (String m : meets) {
                        if (m.length() >= 2 && w.startsWith(m)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    // --- text

    /** Words as written: letters and digits, split at everything else. */
    static List<String> rawWords(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static List<String> words(String text) {
        return rawWords(text).stream().map(RelevanceSet::normalise).toList();
    }

    /** A normalised word's stem: its German word forms share it. */
    static String stem(String normalised) {
        char[] chars = normalised.toCharArray();
        return new String(chars, 0, new GermanLightStemmer().stem(chars, chars.length));
    }

    /**
     * A word compared without case and umlauts, as search promises: ä/ae → a, ö/oe → o, ü/ue → u (not after q),
     * ß → ss, other accents dropped.
     */
    static String normalise(String word) {
        String w = word.toLowerCase(Locale.GERMAN).replace("ß", "ss");
        w = w.replace("ae", "a").replace("oe", "o").replaceAll("(?<!q)ue", "u");
        return Normalizer.normalize(w, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    private String typo(String word) {
        int at = 1 + random.nextInt(word.length() - 2);
        char[] c = word.toCharArray();
        switch (random.nextInt(3)) {
            case 0 -> { // two letters swapped
                char t = c[at];
                c[at] = c[at + 1];
                c[at + 1] = t;
                return new String(c);
            }
            case 1 -> { // a letter missing
                return word.substring(0, at) + word.substring(at + 1);
            }
            default -> { // a letter doubled
                return word.substring(0, at) + c[at] + word.substring(at);
            }
        }
    }

    private List<String> distinctWords(Predicate<String> test) {
        Set<String> out = new LinkedHashSet<>();
        for (Doc doc : docs) {
            for (String text : doc.texts(docs)) {
                for (String w : rawWords(text)) {
                    if (test.test(w)) {
                        out.add(w);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private List<Doc> sample(String type, int n) {
        return sample(d -> d.type().equals(type), n);
    }

    private List<Doc> sample(Predicate<Doc> test, int n) {
        List<Doc> of = new ArrayList<>(docs.stream().filter(test).toList());
        java.util.Collections.shuffle(of, random);
        return of.subList(0, n);
    }

    private List<String> pickDistinct(List<String> from, int n) {
        List<String> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static Map<String, List<String>> compounds(String... lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : lines) {
            String[] kv = line.split(": ");
            out.put(kv[0], List.of(kv[1].split(" ")));
        }
        return out;
    }
}
