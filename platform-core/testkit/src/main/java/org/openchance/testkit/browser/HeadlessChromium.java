package org.openchance.testkit.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium ({@code chromium}) driven through its own {@code chromium-driver}, headless: Selenium is given
 * both paths, so nothing is downloaded. Without them, browser tests are skipped, except where
 * {@code OPENCHANCE_BROWSER_TESTS=required} (CI sets it): there a missing browser fails the test.
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Headless, and off the network Chromium calls on its own (updates, sync, QUIC), which is closed on CI machines. */
    public static final List<String> QUIET_HEADLESS = List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private HeadlessChromium() {}

    /** Skips the calling test when the browser is not installed and browser tests are not required here. */
    public static void assumeAvailable() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"required".equals(System.getenv("OPENCHANCE_BROWSER_TESTS"))) {
            Assumptions.assumeTrue(
                    present, "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        }
    }

    /**
     * A new browser at 1280×800 in British English ({@link #QUIET_HEADLESS}), its console kept ({@code
     * LogType.BROWSER}); {@code extraArguments} are added.
     */
    public static ChromeDriver start(String... extraArguments) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        List<String> arguments = new ArrayList<>(QUIET_HEADLESS);
        arguments.addAll(List.of("--window-size=1280,800", "--lang=en-GB"));
        arguments.addAll(List.of(extraArguments));
        options.addArguments(arguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .build(),
                options);
    }
}
