package org.openchance.plugins.competitors;

import java.util.List;

/**
 * The competitors of the demo data: the demo generator names them as the winners of lost deals (free text, as older
 * closes did), and {@link WinnerImport} gives them their SWOT here when the demo data asks for it.
 */
final class DemoCompetitors {

    record Demo(
            String name,
            String website,
            String pricePosition,
            String strengths,
            String weaknesses,
            List<String> tags) {}

    /** Most frequent first: the generator picks early names more often. */
    static final List<Demo> ALL = List.of(
            new Demo(
                    "Kompressorenwerk Nord GmbH",
                    "https://kompressorenwerk-nord.example",
                    "LOWER",
                    "Low list prices, fast delivery from stock",
                    "Thin service network south of the Main",
                    List.of("Kompressoren", "Druckluft")),
            new Demo(
                    "AirTec Solutions Ltd",
                    "https://airtec.example",
                    "SIMILAR",
                    "Strong remote monitoring, English-speaking key accounts",
                    "Long lead times for spare parts",
                    List.of("Monitoring", "Service")),
            new Demo(
                    "Druckluft Meier AG",
                    "https://druckluft-meier.example",
                    "HIGHER",
                    "Incumbent at many Mittelstand plants, good relationships",
                    "Expensive, old product line",
                    List.of("Druckluft", "Wartung")),
            new Demo(
                    "Schraubtechnik Süd GmbH",
                    "https://schraubtechnik-sued.example",
                    "LOWER",
                    "Aggressive discounts at quarter end",
                    "Small engineering team",
                    List.of("Schraubenverdichter")),
            new Demo(
                    "Vento Industrial S.p.A.",
                    "https://vento-industrial.example",
                    "LOWER",
                    "Cheap oil-free compressors",
                    "Weak German documentation",
                    List.of("Kompressoren")),
            new Demo(
                    "Pneumatik Partner KG",
                    "https://pneumatik-partner.example",
                    "SIMILAR",
                    "Regional installers, quick on site",
                    "No energy audits",
                    List.of("Installation")),
            new Demo(
                    "NordAir Service GmbH",
                    "https://nordair.example",
                    "SIMILAR",
                    "24/7 service contracts",
                    "Resells other brands only",
                    List.of("Service", "Wartung")),
            new Demo(
                    "CompressCo Inc.",
                    "https://compressco.example",
                    "HIGHER",
                    "Global frame agreements with large groups",
                    "Little interest in mid-sized deals",
                    List.of("Konzern")),
            new Demo(
                    "Hansa Kompressoren GmbH",
                    "https://hansa-kompressoren.example",
                    "SIMILAR",
                    "Heat recovery know-how",
                    "Capacity limits in installation",
                    List.of("Wärmerückgewinnung")),
            new Demo(
                    "EuroFlow Systems BV",
                    "https://euroflow.example",
                    "LOWER",
                    "Leasing offers",
                    "Frequent staff changes",
                    List.of("Leasing")),
            new Demo(
                    "Bergmann Anlagenbau GmbH",
                    "https://bergmann-anlagenbau.example",
                    "HIGHER",
                    "Turnkey plants incl. piping",
                    "Slow quotes",
                    List.of("Anlagenbau")),
            new Demo(
                    "Atlas Druck & Service",
                    "https://atlas-druck.example",
                    "SIMILAR",
                    "Used and refurbished machines",
                    "Limited warranty",
                    List.of("Gebraucht")));

    private DemoCompetitors() {}
}
