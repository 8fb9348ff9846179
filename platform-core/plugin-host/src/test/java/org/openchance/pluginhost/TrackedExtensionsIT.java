package org.openchance.pluginhost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openchance.api.model.OpportunitySnapshot;
import org.openchance.api.scoring.Score;
import org.openchance.api.scoring.ScoringStrategy;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * Every extension point is tracked the same way: by the id in its service property, a second service with a taken id
 * refused with the reason on its plugin, a service without an id refused, and the next in line taking an id over when
 * its holder goes. Real bundles in a real Felix framework; the services registered in each bundle's name.
 */
class TrackedExtensionsIT {

    @TempDir
    Path dir;

    PluginFramework framework;
    PluginRegistry registry;

    @BeforeEach
    void start() {
        framework = PluginFramework.start(dir.resolve("cache"));
        registry = new PluginRegistry(framework, Duration.ofSeconds(2), 3);
    }

    @AfterEach
    void stop() {
        registry.close();
        framework.close();
    }

    @Test
    void aSecondStrategyWithATakenIdIsRefusedWithItsReasonAndTakesOverWhenTheFirstGoes() throws Exception {
        Bundle first = bundle("com.example.first");
        Bundle second = bundle("com.example.second");
        ServiceRegistration<ScoringStrategy> holder = register(first, "acme-fit", 10);
        register(second, "acme-fit", 90);

        assertThat(registry.scoringStrategies()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("acme-fit");
            assertThat(s.pluginId()).isEqualTo("com.example.first");
            assertThat(s.service().score(null).value()).isEqualTo(10);
        });
        assertThat(plugin("com.example.second").lastError())
                .isEqualTo("ScoringStrategy 'acme-fit' is refused: plugin com.example.first registered that id first");
        assertThat(plugin("com.example.second").extensionPoints()).isEmpty();
        assertThat(plugin("com.example.first").extensionPoints()).containsExactly("ScoringStrategy");
        assertThat(plugin("com.example.first").lastError()).isNull();

        holder.unregister();
        assertThat(registry.scoringStrategies()).singleElement().satisfies(s -> {
            assertThat(s.pluginId()).isEqualTo("com.example.second");
            assertThat(s.service().score(null).value()).isEqualTo(90);
        });
        assertThat(plugin("com.example.second").extensionPoints()).containsExactly("ScoringStrategy");
    }

    @Test
    void aStrategyWithoutItsIdPropertyIsRefused() throws Exception {
        Bundle plugin = bundle("com.example.nameless");
        plugin.getBundleContext().registerService(ScoringStrategy.class, strategy(50), new Hashtable<>());
        register(bundle("com.example.named"), "named", 60);

        assertThat(registry.scoringStrategies()).extracting(Extension::id).containsExactly("named");
        assertThat(plugin("com.example.nameless").lastError())
                .isEqualTo("registers a ScoringStrategy without the service property " + ScoringStrategy.ID
                        + " (its id): not used");
    }

    @Test
    void aSwitchedOffPluginsStrategiesAreNotUsedUntilItIsSwitchedOn() throws Exception {
        PluginSwitches switches = PluginSwitches.inMemory();
        registry.close();
        registry = new PluginRegistry(framework, Duration.ofSeconds(2), 3, switches);
        register(bundle("com.example.switched"), "switched", 70);
        assertThat(registry.scoringStrategies()).hasSize(1);

        assertThat(registry.disable("com.example.switched")).isTrue();
        assertThat(switches.switchedOff()).containsExactly("com.example.switched");
        assertThat(registry.scoringStrategies()).isEmpty();
        assertThat(plugin("com.example.switched").state()).isEqualTo("DISABLED");
        assertThat(registry.disable("com.example.switched")).as("already off").isFalse();

        // another registry on the same switches (another server, or after a restart) sees it off too
        try (PluginRegistry other = new PluginRegistry(framework, Duration.ofSeconds(2), 3, switches)) {
            assertThat(other.scoringStrategies()).isEmpty();
        }
        assertThat(registry.enable("com.example.switched")).isTrue();
        assertThat(registry.scoringStrategies()).extracting(Extension::id).containsExactly("switched");
    }

    @Test
    void theBreakerLetsAFailingPluginTryAgainAfterItsCooldown() throws Exception {
        registry.close();
        registry = new PluginRegistry(
                framework, Duration.ofSeconds(2), 3, Duration.ofMillis(300), PluginSwitches.inMemory());
        register(bundle("com.example.flaky"), "flaky", 10);
        java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.Callable<String> call = () -> {
            if (failing.get()) {
                throw new IllegalStateException("down");
            }
            return "up";
        };
        for (int i = 0; i < 3; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.call("com.example.flaky", call))
                    .isInstanceOf(PluginCallException.class);
        }
        assertThat(registry.scoringStrategies())
                .as("switched off after 3 failures")
                .isEmpty();
        assertThat(plugin("com.example.flaky").state()).isEqualTo("DISABLED");

        // after the cool-down it is on trial: one more failure switches it off again at once
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !registry.scoringStrategies()
                .isEmpty());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.call("com.example.flaky", call))
                .isInstanceOf(PluginCallException.class);
        assertThat(registry.scoringStrategies())
                .as("off again after one failure on trial")
                .isEmpty();

        // on trial again, a success closes the breaker: it takes three failures in a row again
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !registry.scoringStrategies()
                .isEmpty());
        failing.set(false);
        assertThat(registry.call("com.example.flaky", call)).isEqualTo("up");
        failing.set(true);
        for (int i = 0; i < 2; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.call("com.example.flaky", call))
                    .isInstanceOf(PluginCallException.class);
        }
        assertThat(registry.scoringStrategies())
                .as("two failures after a success: still on")
                .hasSize(1);
        assertThat(plugin("com.example.flaky").state()).isEqualTo("ACTIVE");
    }

    private ServiceRegistration<ScoringStrategy> register(Bundle bundle, String id, double points) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ScoringStrategy.ID, id);
        return bundle.getBundleContext().registerService(ScoringStrategy.class, strategy(points), properties);
    }

    private static ScoringStrategy strategy(double points) {
        return new ScoringStrategy() {
            @Override
            public String name() {
                return "Test " + points;
            }

            @Override
            public Score score(OpportunitySnapshot opportunity) {
                return new Score(points, List.of());
            }
        };
    }

    private PluginRegistry.PluginInfo plugin(String id) {
        return registry.plugins().stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** A started bundle with nothing in it but its name: services are registered in its name by the test. */
    private Bundle bundle(String symbolicName) throws Exception {
        Path jar = dir.resolve(symbolicName + ".jar");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is all
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Bundle bundle = framework
                .framework()
                .getBundleContext()
                .installBundle(jar.toUri().toString());
        bundle.start();
        return bundle;
    }
}
