package org.openchance.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;

/**
 * The rules of ARCHITECTURE.md that code can break without a test noticing: SQL lives only in {@code store}. The API,
 * search, plugin host and server talk to PostgreSQL through the store's query classes, so that each aggregate's
 * visibility rule has exactly one place to go.
 */
class ArchitectureTest {

    /** The product's modules outside the store, by package. */
    private static final String[] OUTSIDE_STORE = {
        "org.openchance.api..", "org.openchance.search..", "org.openchance.pluginhost..", "org.openchance.server.."
    };
    /**
     * The one exception: a plugin's own schema. The host hands each plugin a data source of its own role's
     * (PluginDatabases, opened by PluginDataSources) and runs the plugin's migrations there (PluginStorage); what the
     * plugin stores is its own, not the store's.
     */
    private static final String PLUGIN_STORAGE = "org.openchance.pluginhost.PluginStorageFactory";

    /** The classes of that exception, as a pattern of names. */
    private static final String PLUGIN_DATA_SOURCES =
            "org\\.openchance\\.(pluginhost\\.PluginStorageFactory|pluginhost\\.PluginDatabases"
                    + "|server\\.plugin\\.PluginDataSources)";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.openchance");
    }

    @Test
    void onlyTheStoreUsesJdbc() {
        noClasses()
                .that()
                .resideInAnyPackage(OUTSIDE_STORE)
                .and()
                .haveNameNotMatching(PLUGIN_DATA_SOURCES + ".*")
                .should()
                .dependOnClassesThat(resideInAPackage("org.springframework.jdbc..")
                        .or(belongToAnyOf(
                                Connection.class,
                                Statement.class,
                                PreparedStatement.class,
                                CallableStatement.class,
                                ResultSet.class)))
                .because("SQL lives only in platform-core/store (one query class or repository per aggregate)")
                .check(classes);
    }

    @Test
    void onlyTheStoreAndTheWiringSeeTheDataSource() {
        noClasses()
                .that()
                .resideInAnyPackage("org.openchance.search..", "org.openchance.pluginhost..", "org.openchance.server..")
                .and()
                .areNotAnnotatedWith(Configuration.class)
                .and()
                .haveNameNotMatching(PLUGIN_DATA_SOURCES + ".*")
                .should()
                .dependOnClassesThat(belongToAnyOf(DataSource.class))
                .because("services read and write through the store; only configuration hands it the data source")
                .check(classes);
    }

    @Test
    void theRuleSeesTheModulesItGuards() {
        // a rule over no classes passes vacuously: make sure each guarded module was imported
        for (String module : List.of(
                "org.openchance.api",
                "org.openchance.search",
                "org.openchance.pluginhost",
                "org.openchance.server",
                "org.openchance.store")) {
            assertThat(classes.stream()
                            .filter(c -> c.getPackageName().startsWith(module))
                            .count())
                    .as("classes of " + module)
                    .isGreaterThan(5);
        }
        assertThat(classes.stream()
                        .filter(not(resideInAPackage("org.openchance.store..")))
                        .filter(c -> c.getFullName().startsWith(PLUGIN_STORAGE))
                        .count())
                .isPositive();
    }

    /** SQL in a string: a statement's verb with its object ({@code select ... from}, {@code update x set} ...). */
    private static final Pattern SQL = Pattern.compile(
            "(?is)\\b(select\\s[^;]*?\\sfrom\\s+[a-z_]|insert\\s+into\\s|delete\\s+from\\s|update\\s+[a-z_]+\\s+set\\s"
                    + "|(create|alter|drop)\\s+(table|index|schema)\\s|pg_advisory|for\\s+update\\s)");

    private static final Pattern STRING =
            Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

    @Test
    void noSqlInTheSourcesOutsideTheStore() throws IOException {
        Path platformCore = Path.of("..").toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String module : List.of("api", "search", "plugin-host", "server")) {
            Path sources = platformCore.resolve(module).resolve("src/main/java");
            try (Stream<Path> paths = Files.walk(sources)) {
                for (Path file :
                        paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    if (file.endsWith(PLUGIN_STORAGE.replace('.', '/') + ".java")) {
                        continue;
                    }
                    Matcher string = STRING.matcher(read(file));
                    while (string.find()) {
                        String text = string.group(1) != null ? string.group(1) : string.group(2);
                        if (SQL.matcher(text).find()) {
                            found.add(platformCore.relativize(file) + ": "
                                    + text.strip().lines().findFirst().orElse(""));
                        }
                    }
                }
            }
        }
        assertThat(files).as("source files read").isGreaterThan(100);
        assertThat(found).as("SQL outside platform-core/store").isEmpty();
    }

    @Test
    void theSqlCheckFindsSql() {
        // the check above must be able to fail: it recognises the statements the store writes
        for (String sql : List.of(
                "select id from opportunity where account_id = ?",
                "insert into webhook (id) values (?)",
                "update task set done = true",
                "delete from event_pending where listener = ?",
                "select pg_advisory_lock(hashtext(?))",
                "\n    select o.id\n    from opportunity o\n")) {
            assertThat(SQL.matcher(sql).find()).as(sql).isTrue();
        }
        assertThat(SQL.matcher("Select the stage the deal moves to").find()).isFalse();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
