package io.patternhub.core.http.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Records whether a call began writing its request, so a failure before that point (DNS, connect,
 * TLS) is known to be safe to retry even for a POST. Delegates every event to the client's own
 * listener.
 */
public final class SendTracker extends EventListener {

    /** Per-attempt flag, carried as a request tag. */
    public static final class SendState {
        private final AtomicBoolean started = new AtomicBoolean();

        /** Whether any byte of the request may have been written to the network. */
        public boolean requestStarted() {
            return started.get();
        }
    }

    /** Wraps {@code delegate} so every call's {@link SendState} tag is updated. */
    public static EventListener.Factory factory(EventListener.Factory delegate) {
        return call -> new SendTracker(call.request().tag(SendState.class), delegate.create(call));
    }

    private final SendState state;
    private final EventListener delegate;

    private SendTracker(SendState state, EventListener delegate) {
        this.state = state;
        this.delegate = delegate;
    }

    private void started() {
        if (state != null) {
            state.started.set(true);
        }
    }

    @Override
    public void requestHeadersStart(Call call) {
        started();
        delegate.requestHeadersStart(call);
    }

    @Override
    public void requestBodyStart(Call call) {
        started();
        delegate.requestBodyStart(call);
    }

    @Override
    public void callStart(Call call) {
        delegate.callStart(call);
    }

    @Override
    public void proxySelectStart(Call call, HttpUrl url) {
        delegate.proxySelectStart(call, url);
    }

    @Override
    public void proxySelectEnd(Call call, HttpUrl url, List<Proxy> proxies) {
        delegate.proxySelectEnd(call, url, proxies);
    }

    @Override
    public void dnsStart(Call call, String domainName) {
        delegate.dnsStart(call, domainName);
    }

    @Override
    public void dnsEnd(Call call, String domainName, List<java.net.InetAddress> addresses) {
        delegate.dnsEnd(call, domainName, addresses);
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        delegate.connectStart(call, address, proxy);
    }

    @Override
    public void secureConnectStart(Call call) {
        delegate.secureConnectStart(call);
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        delegate.secureConnectEnd(call, handshake);
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        delegate.connectEnd(call, address, proxy, protocol);
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol, IOException ioe) {
        delegate.connectFailed(call, address, proxy, protocol, ioe);
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        delegate.connectionAcquired(call, connection);
    }

    @Override
    public void connectionReleased(Call call, Connection connection) {
        delegate.connectionReleased(call, connection);
    }

    @Override
    public void requestHeadersEnd(Call call, Request request) {
        delegate.requestHeadersEnd(call, request);
    }

    @Override
    public void requestBodyEnd(Call call, long byteCount) {
        delegate.requestBodyEnd(call, byteCount);
    }

    @Override
    public void requestFailed(Call call, IOException ioe) {
        delegate.requestFailed(call, ioe);
    }

    @Override
    public void responseHeadersStart(Call call) {
        delegate.responseHeadersStart(call);
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        delegate.responseHeadersEnd(call, response);
    }

    @Override
    public void responseBodyStart(Call call) {
        delegate.responseBodyStart(call);
    }

    @Override
    public void responseBodyEnd(Call call, long byteCount) {
        delegate.responseBodyEnd(call, byteCount);
    }

    @Override
    public void responseFailed(Call call, IOException ioe) {
        delegate.responseFailed(call, ioe);
    }

    @Override
    public void callEnd(Call call) {
        delegate.callEnd(call);
    }

    @Override
    public void callFailed(Call call, IOException ioe) {
        delegate.callFailed(call, ioe);
    }

    @Override
    public void canceled(Call call) {
        delegate.canceled(call);
    }
}
