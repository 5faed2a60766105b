import { henvis } from './henvis.js';

// The script-tag build: one <script src=".../henvis.js"> defines window.Henvis for hosts without a bundler.
window.Henvis = henvis;
