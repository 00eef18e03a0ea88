"""Receipt printing (受理回执): receipt model, shipped font, PDF renderer; a leaf library without Qt."""
