package io.vigil.monitor.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.protocol.ProtocolVersion;
import io.vigil.monitor.InstanceKind;
import io.vigil.monitor.LinkSettings;
import io.vigil.monitor.LinkTarget;
import io.vigil.monitor.TlsSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the link asks Lettuce for: no auto-reconnect, no command timeouts, RESP2, names, AUTH, TLS. */
class ConnectionOptionsTest {

    final LinkSettings settings = LinkSettings.builder()
            .connectTimeout(Duration.ofMillis(700))
            .maxPendingCommands(20)
            .build();

    @Test
    void theLinkManagesReconnectsAndTimeoutsItself() {
        ClientOptions options = LettuceInstanceLink.clientOptions(settings, TlsSettings.disabled());
        assertThat(options.isAutoReconnect()).isFalse();
        assertThat(options.isPingBeforeActivateConnection())
                .as("a LOADING instance must still connect")
                .isFalse();
        assertThat(options.getProtocolVersion()).isEqualTo(ProtocolVersion.RESP2);
        assertThat(options.getTimeoutOptions().isTimeoutCommands()).isFalse();
        assertThat(options.getRequestQueueSize()).isEqualTo(36);
        assertThat(options.getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Test
    void uriCarriesNameAndCredentials() {
        LinkTarget target =
                LinkTarget.of("10.1.2.3", 6380, InstanceKind.REPLICA).withUser("vigil", "pw");
        RedisURI uri = LettuceInstanceLink.uri(target, settings, "sentinel-abcdef12-cmd");
        assertThat(uri.getHost()).isEqualTo("10.1.2.3");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getClientName()).isEqualTo("sentinel-abcdef12-cmd");
        RedisCredentials credentials =
                uri.getCredentialsProvider().resolveCredentials().block();
        assertThat(credentials.getUsername()).isEqualTo("vigil");
        assertThat(new String(credentials.getPassword())).isEqualTo("pw");
        assertThat(uri.isSsl()).isFalse();
        assertThat(uri.getTimeout()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void tlsIsWiredThroughToLettuce() {
        TlsSettings tls = TlsSettings.enabled(TlsSettings.Verify.CA);
        LinkTarget target = LinkTarget.of("redis.example", 6379, InstanceKind.MASTER)
                .withPassword("pw")
                .withTls(tls);
        RedisURI uri = LettuceInstanceLink.uri(target, settings, "n");
        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.getVerifyMode()).isEqualTo(SslVerifyMode.CA);
        RedisCredentials credentials =
                uri.getCredentialsProvider().resolveCredentials().block();
        assertThat(credentials.hasUsername()).isFalse();
        assertThat(new String(credentials.getPassword())).isEqualTo("pw");
        assertThat(LettuceInstanceLink.clientOptions(settings, tls).getSslOptions())
                .isNotNull()
                .isNotSameAs(ClientOptions.create().getSslOptions());
    }
}
