package io.github.coexist.store.jdbc;

/**
 * Where a database is and how to log in; {@link #toString()} shows neither the password nor the
 * URL's query, where a password may also be written.
 */
record Credentials(String url, String user, String password) {

  /** The URL without its query: safe for logs, health reports and messages. */
  String location() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  @Override
  public String toString() {
    return "Credentials[" + location() + " as " + user + ", password ****]";
  }
}
