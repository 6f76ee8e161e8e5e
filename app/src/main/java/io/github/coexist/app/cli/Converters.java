package io.github.coexist.app.cli;

import io.github.coexist.core.kpi.ProductionEnvironments;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The option types the commands share, each refusing a bad value with what a good one looks like. */
public final class Converters {
  private Converters() {}

  /** An ISO-8601 time with its offset, or a date (its start, UTC). */
  public static final class IsoInstant implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String text) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
          throw new TypeConversionException("must be an ISO-8601 time such as 2024-03-04T00:00:00Z"
              + " or a date such as 2024-03-04, was '" + text + "'");
        }
      }
    }
  }

  /** Production environment names, comma-separated. */
  public static final class Production implements ITypeConverter<ProductionEnvironments> {
    @Override
    public ProductionEnvironments convert(String text) {
      return ProductionEnvironments.parse(text).getOrElseThrow(e -> new TypeConversionException(e.message()));
    }
  }

  /** An http(s) URL with a host; a trailing slash is dropped. */
  public static final class HttpUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String text) {
      try {
        URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // refused below, with the same message as any other bad URL
      }
      throw new TypeConversionException("must be an http(s) URL such as https://github.example.com/api/v3, was '"
          + text + "'");
    }
  }
}
