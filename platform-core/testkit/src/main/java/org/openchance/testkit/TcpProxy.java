package org.openchance.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a real service, so a test can take the service away from the code under test without
 * stopping it for everyone else: {@link Mode#DOWN} closes every connection (like a stopped server),
 * {@link Mode#HANG} accepts and never answers (like an overloaded one), {@link Mode#UP} forwards.
 */
public final class TcpProxy implements AutoCloseable {

    public enum Mode {
        UP,
        DOWN,
        HANG
    }

    private final URI target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.UP;

    public TcpProxy(URI target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The proxy's address, with the target's scheme, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create(target.getScheme() + "://127.0.0.1:" + server.getLocalPort());
    }

    /**
     * Switches the mode; connections open so far are cut (clients must connect again). Atomic with the handling of a
     * new connection: one accepted under the old mode is either cut here or handled under the new one, never kept
     * hanging after the switch (a hung connection left behind held the indexer for its whole write timeout).
     */
    public synchronized void set(Mode mode) {
        this.mode = mode;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Mode now;
                synchronized (this) {
                    now = mode;
                    if (now == Mode.DOWN) {
                        closeQuietly(client);
                    } else {
                        open.add(client); // from here on a switch cuts it
                    }
                }
                if (now == Mode.UP) {
                    connect(client);
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void connect(Socket client) {
        try {
            Socket upstream = new Socket();
            upstream.connect(new InetSocketAddress(target.getHost(), target.getPort()), 2_000);
            synchronized (this) {
                if (mode != Mode.UP || !open.contains(client)) { // switched meanwhile: the client was cut
                    closeQuietly(upstream);
                    closeQuietly(client);
                    return;
                }
                open.add(upstream);
            }
            pipe(client, upstream);
            pipe(upstream, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread copier = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // one side closed: close both
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "tcp-proxy-pipe");
        copier.setDaemon(true);
        copier.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        set(Mode.DOWN);
    }
}
