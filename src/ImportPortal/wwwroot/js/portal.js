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
