package org.openchance.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that POSTs JSON and reads the answer (Content-Length or chunked). The load generator
 * shares the machine with the server, so it must cost little CPU: {@link java.net.http.HttpClient} took about a third
 * of the CPU the server got; this takes a small fraction of it.
 */
final class KeepAliveConnection implements AutoCloseable {

    /** Status and body of one answer. */
    record Response(int status, String body) {}

    private final URI endpoint;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeepAliveConnection(URI endpoint) {
        // The server wants a bearer token (start-server.sh exports an API key); Elasticsearch gets none.
        this(endpoint, System.getenv("OPENCHANCE_TOKEN"));
    }

    /** With this bearer token (for a graphql endpoint). */
    KeepAliveConnection(URI endpoint, String token) {
        this.endpoint = endpoint;
        this.authorization = token != null && endpoint.getPath().endsWith("/graphql")
                ? "Authorization: Bearer " + token + "\r\n"
                : "";
    }

    private final String authorization;

    Response post(byte[] json) throws IOException {
        if (socket == null) {
            socket = new Socket(endpoint.getHost(), endpoint.getPort());
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }
        String head =
                "POST " + endpoint.getRawPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                        + "\r\n" + authorization
                        + "Content-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                        + json.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
        String status = line();
        int length = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(
                        lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closing = true; // e.g. Tomcat after 100 requests on one connection
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream(16 * 1024);
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                chunks.write(in.readNBytes(size));
                line(); // the CRLF after the chunk
            }
            while (!line().isEmpty()) {
                // trailers, if any, up to the blank line
            }
            body = chunks.toByteArray();
        } else if (length >= 0) {
            body = in.readNBytes(length);
        } else {
            throw new IOException("Answer with neither Content-Length nor chunks: " + status);
        }
        if (closing) {
            close();
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Connection closed by the server");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
