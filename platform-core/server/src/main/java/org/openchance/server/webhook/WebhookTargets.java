package org.openchance.server.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where webhooks may send: not into the server's own network. A target whose host resolves to a loopback,
 * link-local (cloud metadata at 169.254.169.254 among them), private, carrier-grade NAT, unique-local, multicast or
 * unspecified address is refused, when the webhook is created and again before every delivery (the name may resolve
 * elsewhere by then). Hosts in {@code openchance.webhooks.allowed-hosts} (names or addresses, comma-separated) are
 * let through, e.g. a receiver on the same machine.
 */
@Component
public class WebhookTargets {

    private final Set<String> allowed;

    WebhookTargets(@Value("${openchance.webhooks.allowed-hosts:}") List<String> allowedHosts) {
        this.allowed = allowedHosts.stream()
                .map(String::trim)
                .filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Why the URL's host may not be sent to, or empty when it may. Resolves the host (a DNS lookup). */
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Optional.of("has no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowed.contains(bare.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return Optional.of("does not resolve");
        }
        for (InetAddress address : addresses) {
            if (internal(address) && !allowed.contains(address.getHostAddress().toLowerCase(Locale.ROOT))) {
                return Optional.of("points into a private network (" + address.getHostAddress()
                        + "); allow it with openchance.webhooks.allowed-hosts");
            }
        }
        return Optional.empty();
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT, 100.64.0.0/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local, fc00::/7
        }
        return false;
    }
}
