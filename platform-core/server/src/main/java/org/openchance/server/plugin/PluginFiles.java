package org.openchance.server.plugin;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openchance.api.web.FileEndpoint;
import org.openchance.pluginhost.Extension;
import org.openchance.pluginhost.ExtensionPoint;
import org.openchance.pluginhost.PluginCallException;
import org.openchance.pluginhost.PluginRegistry;
import org.openchance.pluginhost.TrackedExtensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.concurrent.DelegatingSecurityContextCallable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Serves the files plugins offer ({@link FileEndpoint}): {@code GET /{route}/{id}/{name}} is mapped while a plugin
 * with that route runs, and unmapped when it goes, so a plugin adds its download paths without a restart. The
 * security filter chain has authenticated the request; the plugin answers as its user (404 for what they may not
 * see), within the plugin time budget.
 */
@Component
class PluginFiles implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(PluginFiles.class);
    /** First path segments the host uses itself: a plugin cannot take them. */
    private static final Set<String> RESERVED = Set.of(
            "graphql",
            "graphiql",
            "webjars",
            "actuator",
            "attachments",
            "auth",
            "login",
            "logout",
            "error",
            "api",
            "oauth2",
            "assets",
            "app",
            "static");

    private static final Method SERVE;

    static {
        try {
            SERVE = PluginFiles.class.getDeclaredMethod("serve", HttpServletRequest.class, String.class, String.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PluginRegistry registry;
    private final RequestMappingHandlerMapping mappings;

    PluginFiles(
            PluginRegistry registry, @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.registry = registry;
        this.mappings = mappings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        registry.tracked(ExtensionPoint.FILES)
                .addListener(
                        new TrackedExtensions.Listener<>() {
                            @Override
                            public void added(Extension<FileEndpoint> extension) {
                                String route = extension.id();
                                if (!route.matches("[a-z][a-z-]{0,39}") || RESERVED.contains(route)) {
                                    registry.reportError(extension.pluginId(), "file route refused: " + route);
                                    LOG.warn("Plugin {}: file route \"{}\" refused", extension.pluginId(), route);
                                    return;
                                }
                                mappings.registerMapping(mapping(route), PluginFiles.this, SERVE);
                            }

                            @Override
                            public void removed(Extension<FileEndpoint> extension) {
                                mappings.unregisterMapping(mapping(extension.id()));
                            }
                        },
                        true);
    }

    private static RequestMappingInfo mapping(String route) {
        return RequestMappingInfo.paths("/" + route + "/{id}/{name}")
                .methods(RequestMethod.GET)
                .build();
    }

    /** Shown in the browser; anything else (HTML, SVG, scripts) only downloads, so no plugin serves a page. */
    private static final Set<String> INLINE = Set.of("application/pdf", "image/png", "image/jpeg", "text/plain");

    /** Mapped by route at run time (see above): the route is the first segment of the pattern that matched. */
    ResponseEntity<byte[]> serve(HttpServletRequest request, @PathVariable String id, @PathVariable String name) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = String.valueOf(pattern).split("/")[1];
        Optional<Extension<FileEndpoint>> endpoint =
                registry.tracked(ExtensionPoint.FILES).get(route).filter(e -> !registry.isSwitchedOff(e.pluginId()));
        if (endpoint.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Callable<Optional<FileEndpoint.File>> call = DelegatingSecurityContextCallable.create(
                () -> endpoint.get().service().file(id, name), SecurityContextHolder.getContext());
        Optional<FileEndpoint.File> file;
        try {
            file = registry.call(endpoint.get().pluginId(), call);
        } catch (PluginCallException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        if (file == null || file.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        FileEndpoint.File f = file.get();
        MediaType type;
        try {
            type = MediaType.parseMediaType(f.mediaType());
        } catch (IllegalArgumentException notAType) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        boolean inline = INLINE.contains(type.getType() + "/" + type.getSubtype());
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(f.fileName(), StandardCharsets.UTF_8)
                .build();
        return ResponseEntity.ok()
                .contentType(inline ? type : MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(f.content());
    }
}
