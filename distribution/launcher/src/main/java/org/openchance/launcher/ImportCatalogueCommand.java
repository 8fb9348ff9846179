package org.openchance.launcher;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "import-catalogue",
        mixinStandardHelpOptions = true,
        description = {
            "Imports products and their prices (CSV) into the quotes plugin of a running server, through its API"
                    + " (importCatalogue): the columns sku, name, unit, taxRate and, optionally, description, active,"
                    + " price and minQuantity; comma or semicolon; decimals with a point or a comma.",
            "The server checks every row first; with any problem nothing is imported and the problems are listed with"
                    + " their lines. Products are created or updated by SKU; prices go into --price-list.",
            "Example: openchance import-catalogue products.csv --price-list UHJpY2VMaXN0Oj... --token $TOKEN"
        },
        sortOptions = false)
final class ImportCatalogueCommand implements Callable<Integer> {

    private static final String MUTATION = "mutation($input: ImportCatalogueInput!) { importCatalogue(input: $input)"
            + " { productsCreated productsUpdated pricesSet rows problems { line column message }"
            + " errors { code field message } } }";

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file (UTF-8).")
    Path file;

    @Option(names = "--price-list", description = "The ID of the price list the file's prices go into.")
    String priceList;

    @Option(names = "--dry-run", description = "Only check the file on the server; import nothing.")
    boolean dryRun;

    @Option(
            names = "--server",
            defaultValue = "${OPENCHANCE_SERVER:-http://localhost:8080}",
            description = "The server's address (env OPENCHANCE_SERVER). Default: ${DEFAULT-VALUE}.")
    URI server;

    @Option(
            names = "--token",
            defaultValue = "${OPENCHANCE_TOKEN}",
            description = "An administrator's API key or access token (env OPENCHANCE_TOKEN).")
    String token;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            System.err.println("Cannot read " + file);
            return 2;
        }
        if (token == null || token.isBlank()) {
            System.err.println("An administrator's API key or access token is needed: --token or OPENCHANCE_TOKEN");
            return 2;
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("csv", Files.readString(file, StandardCharsets.UTF_8));
        input.put("priceListId", priceList);
        input.put("dryRun", dryRun);
        byte[] body =
                JsonMapper.shared().writeValueAsBytes(Map.of("query", MUTATION, "variables", Map.of("input", input)));
        long started = System.nanoTime();
        HttpResponse<String> response;
        // the progress line follows the upload; the server then checks every row and imports in one transaction
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(dryRun ? "Checking" : "Importing")
                .setInitialMax(body.length)
                .setUnit(" KB", 1024)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .build()) {
            HttpRequest request = HttpRequest.newBuilder(server.resolve("/graphql"))
                    .timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token.trim())
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> counting(body, bar)))
                    .build();
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 200) {
            System.err.printf("The server at %s answered %d: %s%n", server, response.statusCode(), response.body());
            return 1;
        }
        JsonNode answer = JsonMapper.shared().readTree(response.body());
        if (answer.has("errors")) {
            System.err.println("The server refused the request: " + answer.get("errors"));
            return 1;
        }
        JsonNode result = answer.at("/data/importCatalogue");
        if (!result.get("problems").isEmpty() || !result.get("errors").isEmpty()) {
            System.err.printf("Nothing imported from %s:%n", file);
            result.get("errors")
                    .forEach(e -> System.err.println("  " + e.get("message").asString()));
            JsonNode problems = result.get("problems");
            for (int i = 0; i < Math.min(20, problems.size()); i++) {
                JsonNode p = problems.get(i);
                System.err.printf(
                        "  line %d%s: %s%n",
                        p.get("line").asInt(),
                        p.get("column").isNull() ? "" : ", " + p.get("column").asString(),
                        p.get("message").asString());
            }
            if (problems.size() > 20) {
                System.err.printf("  ... and %,d more%n", problems.size() - 20);
            }
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (dryRun) {
            System.out.printf(
                    "%s is fine: %,d products, nothing imported (dry run)%n",
                    file, result.get("rows").asInt());
        } else {
            System.out.printf(
                    "Imported %,d products (%,d created, %,d updated) and %,d prices in %.1f s%n",
                    result.get("rows").asInt(),
                    result.get("productsCreated").asInt(),
                    result.get("productsUpdated").asInt(),
                    result.get("pricesSet").asInt(),
                    seconds);
        }
        return 0;
    }

    /** The body as a stream that moves the progress line as the client sends it. */
    private static InputStream counting(byte[] body, ProgressBar bar) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int read = super.read(b, off, len);
                if (read > 0) {
                    bar.stepBy(read);
                }
                return read;
            }
        };
    }
}
