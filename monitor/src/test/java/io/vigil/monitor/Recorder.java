package io.vigil.monitor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Records a link's events and fails if two callbacks ever run at the same time. */
final class Recorder implements LinkListener {

    private static final AtomicInteger ACTIVE = new AtomicInteger();
    static final AtomicReference<String> OVERLAP = new AtomicReference<>();

    final List<LinkStateChange> changes = new CopyOnWriteArrayList<>();
    final List<PingResult> pings = new CopyOnWriteArrayList<>();
    final List<InfoReply> infos = new CopyOnWriteArrayList<>();
    final List<HelloMessage> hellos = new CopyOnWriteArrayList<>();

    private void enter(Object event) {
        if (ACTIVE.incrementAndGet() != 1) {
            OVERLAP.compareAndSet(null, "callbacks overlapped at " + event);
        }
    }

    private void exit() {
        ACTIVE.decrementAndGet();
    }

    @Override
    public void onStateChange(LinkStateChange change) {
        enter(change);
        changes.add(change);
        exit();
    }

    @Override
    public void onPing(PingResult result) {
        enter(result);
        pings.add(result);
        exit();
    }

    @Override
    public void onInfo(InfoReply reply) {
        enter(reply);
        infos.add(reply);
        exit();
    }

    @Override
    public void onHello(HelloMessage message) {
        enter(message);
        hellos.add(message);
        exit();
    }

    LinkState lastState() {
        return changes.isEmpty()
                ? LinkState.CONNECTING
                : changes.get(changes.size() - 1).to();
    }

    InfoReply lastInfo() {
        return infos.isEmpty() ? null : infos.get(infos.size() - 1);
    }

    long countPings(PingOutcome outcome) {
        return pings.stream().filter(p -> p.outcome() == outcome).count();
    }
}
