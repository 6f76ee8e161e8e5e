package io.github.coexist.app.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One raw HTTP/1.1 connection over a real socket, for what a well-behaved client never sends: a
 * request line and then silence, headers one byte at a time, garbage, a body larger than it says.
 * Reads are bounded by a generous socket time-out, so a test fails instead of hanging.
 */
public final class RawConnection implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private RawConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = socket.getInputStream();
  }

  /** A connection to {@code port} on loopback whose reads give up after {@code readTimeout}. */
  public static RawConnection open(int port, Duration readTimeout) {
    try {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout((int) readTimeout.toMillis());
      return new RawConnection(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An answer as it came over the wire. */
  public record Answer(int status, Map<String, String> headers, String body) {
    /** A header's value, by case-insensitive name, or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Sends {@code text} as ISO-8859-1 bytes. */
  public RawConnection send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends {@code bytes}. */
  public RawConnection send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Reads one answer: its status line, headers and a body of its Content-Length (or up to the end). */
  public Answer read() throws IOException {
    String status = line();
    if (status == null) {
      throw new IOException("the server closed the connection without an answer");
    }
    Map<String, String> headers = new TreeMap<>();
    for (String line = line(); line != null && !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    int code = Integer.parseInt(status.split(" ")[1]);
    String length = headers.get("content-length");
    byte[] body = code == 100 ? new byte[0]
        : length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
    return new Answer(code, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Reads one answer's status line and headers, for a HEAD request whose answer has no body. */
  public Answer readHead() throws IOException {
    String status = line();
    Map<String, String> headers = new TreeMap<>();
    for (String line = line(); line != null && !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    return new Answer(Integer.parseInt(status.split(" ")[1]), headers, "");
  }

  /**
   * Whether the server closed the connection: the next read finds its end (or a reset) rather than
   * data or the read time-out.
   */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  /** Whether the server closed the connection; a read time-out counts as open. Never throws. */
  public boolean closed() {
    try {
      return closedByServer();
    } catch (IOException e) {
      return true;
    }
  }

  /** Whether nothing listens on {@code port} on loopback any more: a connection is refused. */
  public static boolean refused(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return false;
    } catch (ConnectException refused) {
      return true;
    } catch (IOException other) {
      return false;
    }
  }

  /** One chunk of a chunked body: {@code size} spaces (valid JSON whitespace) with its size line. */
  public static byte[] chunk(int size) {
    byte[] head = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = new byte[head.length + size + 2];
    System.arraycopy(head, 0, chunk, 0, head.length);
    Arrays.fill(chunk, head.length, head.length + size, (byte) ' ');
    chunk[chunk.length - 2] = '\r';
    chunk[chunk.length - 1] = '\n';
    return chunk;
  }

  private String line() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) {
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a test's socket: nothing to do
    }
  }
}
