// Browser entry of the record panel webview.
export {};
