/** The widget's version, sent with every event. */
export const WIDGET_VERSION = '0.1.0';
