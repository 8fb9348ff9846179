package org.openchance.localservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * PostgreSQL and Elasticsearch refuse to run as root. When we are root, child processes run as {@code nobody}
 * (through {@code setpriv}) and the folders they write are handed over to that user.
 */
public final class UnprivilegedUser {

    static final String USER = "nobody";

    private UnprivilegedUser() {}

    static boolean weAreRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /**
     * Prefixes a command so that it runs as {@code nobody} when we are root. {@code --pdeathsig} makes the child
     * receive SIGTERM when the thread that started it ends, so a killed JVM does not leave it behind.
     */
    static List<String> command(List<String> command) {
        if (!weAreRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(
                "setpriv", "--reuid=" + USER, "--regid=" + group(), "--clear-groups", "--pdeathsig=TERM", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Gives {@code dir} and everything below it to {@code nobody} when we are root. */
    static void handOver(Path dir) {
        if (!weAreRoot()) {
            return;
        }
        requireReachable(dir);
        try (Stream<Path> files = Files.walk(dir)) {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(USER);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(group());
            for (Path file : (Iterable<Path>) files::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(
                        file, PosixFileAttributeView.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                view.setOwner(user);
                view.setGroup(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hand " + dir + " over to user " + USER, e);
        }
    }

    /**
     * {@code nobody} must be able to walk down to the folder; a folder below {@code /root} (mode 700) is not.
     * Failing here with a clear message beats a cryptic permission error in the child's log.
     */
    static void requireReachable(Path dir) {
        blockingAncestor(dir).ifPresent(p -> {
            throw new LocalServiceException("Folder " + dir + " cannot be used: the services run as user "
                    + USER + " (they refuse root), and " + p + " is not accessible to other users. "
                    + "Choose a data folder outside it, e.g. under /var/lib or /tmp.");
        });
    }

    /** Whether local services could use a folder at {@code dir} (always, unless we are root). */
    public static boolean canServicesReach(Path dir) {
        return !weAreRoot() || blockingAncestor(dir).isEmpty();
    }

    private static java.util.Optional<Path> blockingAncestor(Path dir) {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            try {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return java.util.Optional.of(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return java.util.Optional.empty();
    }

    private static String group() {
        // Debian calls nobody's group "nogroup", most other distributions "nobody".
        return Files.exists(Path.of("/etc/group")) && readGroups().contains("\nnogroup:") ? "nogroup" : "nobody";
    }

    private static String readGroups() {
        try {
            return "\n" + Files.readString(Path.of("/etc/group"));
        } catch (IOException e) {
            return "";
        }
    }
}
