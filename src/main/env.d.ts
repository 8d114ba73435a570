// What electron-vite defines in the main process's build: DEV is true only in `electron-vite dev`.
interface ImportMetaEnv {
  readonly DEV: boolean;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
