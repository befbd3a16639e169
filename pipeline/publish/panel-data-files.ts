/** Site paths of the yearly panel's two tables (written by the open-data step, write-open-data). */
export const PANEL_DATA_FILES = { historik: 'data/effektivitet-historik.csv', malmquist: 'data/malmquist.csv' } as const;
