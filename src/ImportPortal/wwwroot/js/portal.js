// Small browser helpers the portal calls through JS interop.
window.importPortal = {
    rememberTheme: function (dark) {
        document.cookie = "ImportPortal.Theme=" + (dark ? "dark" : "light") + "; path=/; max-age=31536000; samesite=lax";
    },

    // Wires a drop zone and a file input to the upload endpoint. Files go one request each, two at a time,
    // and the component hears of each file's progress and outcome.
    initUploader: function (zone, input, component, url, token) {
        let next = 0;
        const queue = [];
        let active = 0;
        const pump = function () {
            while (active < 2 && queue.length > 0) {
                const item = queue.shift();
                active++;
                importPortal.sendFile(item.file, item.index, url, token, component).finally(function () {
                    active--;
                    pump();
                });
            }
        };
        const enqueue = function (files) {
            for (const file of files) {
                const index = next++;
                component.invokeMethodAsync("OnFileQueued", index, file.name, file.size);
                queue.push({ file: file, index: index });
            }
            pump();
        };
        input.addEventListener("change", function () { enqueue(Array.from(input.files)); input.value = ""; });
        zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("upload-zone-over"); });
        zone.addEventListener("dragleave", function () { zone.classList.remove("upload-zone-over"); });
        zone.addEventListener("drop", function (e) {
            e.preventDefault();
            zone.classList.remove("upload-zone-over");
            enqueue(Array.from(e.dataTransfer.files));
        });
        zone.addEventListener("click", function () { input.click(); });
    },

    sendFile: function (file, index, url, token, component) {
        return new Promise(function (resolve) {
            const xhr = new XMLHttpRequest();
            let last = 0;
            xhr.open("POST", url + "?name=" + encodeURIComponent(file.name));
            xhr.setRequestHeader("RequestVerificationToken", token);
            xhr.setRequestHeader("Content-Type", "application/octet-stream");
            xhr.upload.onprogress = function (e) {
                const now = Date.now();
                if (now - last > 150 || e.loaded === e.total) {
                    last = now;
                    component.invokeMethodAsync("OnFileProgress", index, e.loaded, e.total);
                }
            };
            xhr.onload = function () {
                component.invokeMethodAsync("OnFileDone", index, xhr.status, xhr.responseText).finally(resolve);
            };
            xhr.onerror = function () {
                component.invokeMethodAsync("OnFileDone", index, 0, "").finally(resolve);
            };
            xhr.send(file);
        });
    }
};

// Saves text as a file in the browser (profile exports).
window.importPortal.download = function (fileName, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
};

// The page's notice when it loses the portal (ConnectionNotice.razor), driven by Blazor's reconnection states: shown
// while it reconnects, hidden when it is back; a circuit the server no longer knows (it restarted) is a reload.
(function () {
    const notice = document.getElementById("components-reconnect-modal");
    if (!notice) {
        return;
    }

    const retryWhenVisible = function () {
        if (document.visibilityState === "visible") {
            reconnect();
        }
    };

    const reconnect = async function () {
        document.removeEventListener("visibilitychange", retryWhenVisible);
        try {
            // true: back; false: the server answered but no longer has this page's circuit.
            if (!await Blazor.reconnect() && !await Blazor.resumeCircuit()) {
                location.reload();
            }
        } catch {
            // The server is still away: try again when the operator comes back to the tab.
            document.addEventListener("visibilitychange", retryWhenVisible);
        }
    };

    const resume = async function () {
        try {
            if (!await Blazor.resumeCircuit()) {
                location.reload();
            }
        } catch {
            notice.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
        }
    };

    notice.addEventListener("components-reconnect-state-changed", function (e) {
        const state = e.detail.state;
        if (state === "show" || state === "paused") {
            if (!notice.open) {
                notice.showModal();
            }
        } else if (state === "hide") {
            if (notice.open) {
                notice.close();
            }
        } else if (state === "failed") {
            document.addEventListener("visibilitychange", retryWhenVisible);
        } else if (state === "rejected") {
            location.reload();
        }
    });
    document.getElementById("components-reconnect-button").addEventListener("click", reconnect);
    document.getElementById("components-resume-button").addEventListener("click", resume);
})();
