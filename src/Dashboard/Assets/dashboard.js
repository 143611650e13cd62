// Refreshes the content of a page that shows a running instance, keeping open fold-outs open.
(function () {
  const interval = Number(document.body.dataset.refreshMs);
  if (!interval) return;
  async function refresh() {
    try {
      const response = await fetch(window.location.href, { headers: { "Accept": "text/html" } });
      if (response.ok) {
        const html = await response.text();
        const next = new DOMParser().parseFromString(html, "text/html");
        const open = new Set([...document.querySelectorAll("details[open][data-operation]")].map(d => d.dataset.operation));
        const rawOpen = document.querySelector("details.raw")?.open;
        const focused = document.activeElement && document.activeElement.closest("form");
        if (!focused) {
          document.getElementById("content").replaceWith(next.getElementById("content"));
          document.querySelectorAll("details[data-operation]").forEach(d => { if (open.has(d.dataset.operation)) d.open = true; });
          const raw = document.querySelector("details.raw");
          if (raw && rawOpen) raw.open = true;
        }
        if (!next.body.dataset.refreshMs) return; // the instance ended: nothing changes any more
      }
    } catch (e) {
      // The app may be restarting: try again at the next tick.
    }
    setTimeout(refresh, interval);
  }
  setTimeout(refresh, interval);
})();
