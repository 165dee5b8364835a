package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobMetadataTest {

  @Test
  void shouldKeepMetadataInTheOrderSetAndThroughToBuilder() {
    JobOptions options =
        JobOptions.builder().metadata("tenant", "t-1").metadata("request-id", "r-9").build();

    assertThat(options.metadata())
        .containsExactly(Map.entry("tenant", "t-1"), Map.entry("request-id", "r-9"));
    assertThat(options.toBuilder().metadata("tenant", "t-2").build().metadata())
        .containsExactly(Map.entry("tenant", "t-2"), Map.entry("request-id", "r-9"));
    assertThat(JobOptions.defaults().metadata()).isEmpty();
  }

  @Test
  void shouldRefuseAKeyOutsideTheAllowedCharactersOrLength() {
    assertThatThrownBy(() -> JobOptions.builder().metadata("tenant id", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'tenant id'")
        .hasMessageContaining("1 to 64 letters, digits");
    assertThatThrownBy(() -> JobOptions.builder().metadata("k".repeat(65), "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JobOptions.builder().metadata("", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseAValueBeyondItsLimitNamingTheKey() {
    JobOptions.builder().metadata("trace", "v".repeat(1024));

    assertThatThrownBy(() -> JobOptions.builder().metadata("trace", "v".repeat(1025)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'trace' is 1025 characters long; at most 1024");
    assertThatThrownBy(() -> JobOptions.builder().metadata("trace", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'trace' must not be null");
  }

  @Test
  void shouldRefuseMoreEntriesThanAllowed() {
    Map<String, String> full = new LinkedHashMap<>();
    for (int i = 0; i < JobOptions.MAX_METADATA_ENTRIES; i++) {
      full.put("k" + i, "v");
    }
    JobOptions.Builder builder = JobOptions.builder().metadata(full);
    builder.metadata("k0", "replaced");

    assertThatThrownBy(() -> builder.metadata("one-more", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 32 metadata entries; 'one-more' would be one more");
  }
}
