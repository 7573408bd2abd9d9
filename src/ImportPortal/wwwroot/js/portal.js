// Small browser helpers the portal calls through JS interop.
window.importPortal = {
    rememberTheme: function (dark) {
        document.cookie = "ImportPortal.Theme=" + (dark ? "dark" : "light") + "; path=/; max-age=31536000; samesite=lax";
    }
};
