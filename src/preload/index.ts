// Exposes the Premia API to the sandboxed renderer as `window.premia`, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadClient } from './bridge';

contextBridge.exposeInMainWorld('premia', createPreloadClient(ipcRenderer));
