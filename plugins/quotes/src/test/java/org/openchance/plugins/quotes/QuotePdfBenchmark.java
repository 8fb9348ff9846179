package org.openchance.plugins.quotes;

import java.util.Arrays;
import org.openchance.api.document.QuoteDocument;

/**
 * How long the standard layout takes for the 40-line German quote of {@link StandardPdfRendererTest} (three A4
 * pages), after warm-up, against its baseline in the same run: a one-line quote (the fixed cost of a document: fonts
 * loaded and subset, the file written). Run by {@code distribution/benchmark/quote-pdf-benchmark.sh}; arguments:
 * warm-up seconds (default 20), measured renders (default 200).
 */
public final class QuotePdfBenchmark {

    public static void main(String[] args) {
        int warmUpSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int renders = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        StandardPdfRenderer renderer = new StandardPdfRenderer();
        QuoteDocument forty = StandardPdfRendererTest.fortyLines(false);
        QuoteDocument one = new QuoteDocument(
                forty.language(),
                forty.seller(),
                forty.customer(),
                forty.contactName(),
                forty.number(),
                forty.revision(),
                forty.date(),
                forty.validUntil(),
                forty.subject(),
                forty.salesPerson(),
                forty.introduction(),
                forty.lines().subList(0, 1),
                forty.subtotal(),
                forty.discount(),
                forty.taxes(),
                forty.total(),
                forty.terms(),
                false);
        long end = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
        int warm = 0;
        while (System.nanoTime() < end) {
            renderer.render(forty);
            renderer.render(one);
            warm++;
        }
        long[] fortyMs = new long[renders];
        long[] oneMs = new long[renders];
        int bytes = 0;
        for (int i = 0; i < renders; i++) { // interleaved: both see the same machine
            long t0 = System.nanoTime();
            bytes = renderer.render(forty).length;
            long t1 = System.nanoTime();
            renderer.render(one);
            long t2 = System.nanoTime();
            fortyMs[i] = t1 - t0;
            oneMs[i] = t2 - t1;
        }
        System.out.printf("warm-up %d s (%d pairs), %d renders each%n", warmUpSeconds, warm, renders);
        System.out.printf(
                "40 lines: p50 %.1f ms, p95 %.1f ms, max %.1f ms, %d KB%n",
                ms(fortyMs, 0.5), ms(fortyMs, 0.95), ms(fortyMs, 1.0), bytes / 1024);
        System.out.printf("1 line (baseline): p50 %.1f ms, p95 %.1f ms%n", ms(oneMs, 0.5), ms(oneMs, 0.95));
        System.out.printf("40 lines / 1 line at p50: %.2f×%n", ms(fortyMs, 0.5) / ms(oneMs, 0.5));
    }

    private static double ms(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)));
        return sorted[index] / 1_000_000.0;
    }

    private QuotePdfBenchmark() {}
}
