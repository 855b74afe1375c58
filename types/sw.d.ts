// sitebuild/sw.template.js: sitebuild/service_worker.py replaces these with the build's values.
declare const __VERSION__: string;
declare const __PRECACHE__: string[];
declare const __RUNTIME__: string[];
declare const __SIZES__: Record<string, number>;
