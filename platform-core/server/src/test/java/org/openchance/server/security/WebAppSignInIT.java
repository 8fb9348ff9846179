package org.openchance.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openchance.testkit.browser.HeadlessChromium;
import org.openchance.testkit.graphql.GraphQlClient;
import org.openchance.testkit.server.ServerTest;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Sign in with" the company's OpenID Connect provider in the web app, in headless Chromium against a real local
 * issuer: the browser goes to the provider's authorization endpoint with a PKCE challenge, comes back with a code,
 * exchanges it at the provider's token endpoint (cross-origin), and the API accepts the provider's access token.
 */
@ServerTest
class WebAppSignInIT {

    static final MockOAuth2Server PROVIDER = new MockOAuth2Server();
    static final String AUDIENCE = "openchance-api";

    static {
        PROVIDER.start();
    }

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("openchance.security.oidc.issuer-uri", () -> PROVIDER.issuerUrl("corp")
                .toString());
        registry.add("openchance.security.oidc.audience", () -> AUDIENCE);
        registry.add("openchance.security.oidc.web-client-id", () -> "openchance-web");
        registry.add("openchance.security.oidc.display-name", () -> "Corp SSO");
    }

    @AfterAll
    static void stop() {
        PROVIDER.shutdown();
    }

    @LocalServerPort
    int port;

    @Test
    void theWebAppSignsInWithTheProvidersCodeFlowAndItsToken() throws Exception {
        HttpResponse<String> options = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/providers"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(options.statusCode()).as("no credentials needed").isEqualTo(200);
        assertThat(options.body()).contains("\"clientId\":\"openchance-web\"", "\"name\":\"Corp SSO\"");

        HeadlessChromium.assumeAvailable();
        new GraphQlClient(port).createEmployee("Olivia OIDC", "olivia@corp.example");
        // what the provider's sign-in would establish: this person, a token for the OpenChance API
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(
                "corp", "sub-olivia", "JWT", List.of(AUDIENCE), Map.of("email", "olivia@corp.example"), 600));
        ChromeDriver browser = HeadlessChromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get("http://127.0.0.1:" + port + "/app/");
            wait.until(d -> !d.findElements(By.id("sign-in-oidc")).isEmpty());
            assertThat(browser.findElement(By.id("sign-in-oidc")).getText()).isEqualTo("Sign in with Corp SSO");
            browser.findElement(By.id("sign-in-oidc")).click();
            wait.until(d -> !d.findElements(By.id("who")).isEmpty());
            assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("Olivia OIDC");
            assertThat(browser.getCurrentUrl())
                    .as("code and state gone from the address")
                    .doesNotContain("code=");
            // what the browser sent the provider: discovery, then the authorization request with its PKCE challenge
            List<String> sent = new java.util.ArrayList<>();
            try {
                while (true) { // the queue says "empty" by throwing once nothing comes within a second
                    sent.add(PROVIDER.takeRequest(1, java.util.concurrent.TimeUnit.SECONDS)
                            .getRequestUrl()
                            .toString());
                }
            } catch (RuntimeException drained) {
                assertThat(drained).hasMessageContaining("no request found");
            }
            assertThat(sent)
                    .anySatisfy(url -> assertThat(url)
                            .contains("/corp/authorize?", "code_challenge_method=S256", "client_id=openchance-web"))
                    .anySatisfy(url -> assertThat(url).contains("/corp/token"));
        } finally {
            browser.quit();
        }
    }
}
